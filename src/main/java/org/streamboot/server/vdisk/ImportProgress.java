package org.streamboot.server.vdisk;

/**
 * How far an import has come, for a terminal line or a progress bar.
 *
 * @param bytesDone   bytes of the result written so far
 * @param bytesTotal  the result's size
 * @param bytesPerSecond average since the start
 * @param secondsLeft estimate, or -1 while unknown
 */
public record ImportProgress(String vdisk, long bytesDone, long bytesTotal, double bytesPerSecond, long secondsLeft) {

    public double fraction() {
        return bytesTotal <= 0 ? 0 : Math.min(1.0, (double) bytesDone / bytesTotal);
    }

    /** Called with progress now and then (at most a few times a second). */
    @FunctionalInterface
    public interface Listener {
        void progress(ImportProgress progress);

        Listener NONE = p -> { };
    }
}
