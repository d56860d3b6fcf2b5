package org.streamboot.ui.clients;

import java.util.Locale;
import org.streamboot.server.block.AccessSnapshot;

/** Read and write rates between two access snapshots of the same client's disk. */
public record Throughput(double readBytesPerSecond, double writeBytesPerSecond) {

    public static final Throughput NONE = new Throughput(0, 0);

    /**
     * Rates from {@code before} to {@code after}; NONE when they are not in time order or the
     * counters went backwards (a new session started: its counters begin again at zero).
     */
    public static Throughput between(AccessSnapshot before, AccessSnapshot after) {
        if (before == null || after == null) {
            return NONE;
        }
        double seconds = (after.at().toEpochMilli() - before.at().toEpochMilli()) / 1000.0;
        long read = after.bytesRead() - before.bytesRead();
        long written = after.bytesWritten() - before.bytesWritten();
        if (seconds <= 0 || read < 0 || written < 0) {
            return NONE;
        }
        return new Throughput(read / seconds, written / seconds);
    }

    /** "↓ 12.5 MB/s  ↑ 0.4 MB/s" in decimal units, as network rates are quoted. */
    public String words() {
        return "↓ " + rate(readBytesPerSecond) + "  ↑ " + rate(writeBytesPerSecond);
    }

    static String rate(double bytesPerSecond) {
        if (bytesPerSecond < 1_000) {
            return String.format(Locale.ROOT, "%.0f B/s", bytesPerSecond);
        }
        if (bytesPerSecond < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f kB/s", bytesPerSecond / 1_000);
        }
        return String.format(Locale.ROOT, "%.1f MB/s", bytesPerSecond / 1_000_000);
    }
}
