package org.streamboot.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.streamboot.server.vdisk.ImportProgress;

/**
 * Import (or merge) progress on the terminal: one line rewritten in place on a terminal, or a line per
 * ten percent when the output goes to a file or a CI log.
 */
final class ProgressPrinter implements ImportProgress.Listener {

    private final PrintWriter err;
    private final boolean interactive;
    private final String verb;
    private int lastDecile = -1;
    private boolean wroteInPlace;

    ProgressPrinter(PrintWriter err, boolean interactive) {
        this(err, interactive, "Importing");
    }

    /** @param verb what is being done, e.g. "Merging" */
    ProgressPrinter(PrintWriter err, boolean interactive, String verb) {
        this.err = err;
        this.interactive = interactive;
        this.verb = verb;
    }

    @Override
    public void progress(ImportProgress p) {
        int percent = (int) Math.floor(p.fraction() * 100);
        String line = String.format(Locale.ROOT, "%s %s: %3d%%  %s of %s  %.1f MB/s  %s", verb, p.vdisk(), percent,
                Output.bytes(p.bytesDone()), Output.bytes(p.bytesTotal()), p.bytesPerSecond() / 1e6,
                p.secondsLeft() < 0 ? "" : p.secondsLeft() + " s left");
        if (interactive) {
            err.print("\r" + line + "   ");
            wroteInPlace = true;
        } else if (percent / 10 != lastDecile) {
            lastDecile = percent / 10;
            err.println(line.stripTrailing());
        }
        err.flush();
    }

    void done() {
        if (wroteInPlace) {
            err.println();
            err.flush();
        }
    }
}
