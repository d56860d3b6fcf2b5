package org.streamboot.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PC printed on its serial console, as plain text: ANSI escapes (iPXE's menus and
 * colours) and other control characters are removed, CR/LF become one newline. Markers are
 * searched anywhere in the text, not per line: a marker may share a line with earlier output
 * (notes, bite 10), and iPXE prints a line in pieces.
 */
final class SerialTranscript {

    /** A marker found: where it ends in the transcript and when, counted from the PC's start. */
    record Marker(String text, Matcher match, int end, Duration after) {
        String group(int n) {
            return match.group(n);
        }
    }

    private static final Pattern ANSI = Pattern.compile("\u001b(\\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[@-Z\\\\-_])");

    private final StringBuilder raw = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private final long startNanos;
    private boolean pendingCr;

    SerialTranscript(long startNanos) {
        this.startNanos = startNanos;
    }

    synchronized void append(String chunk) {
        raw.append(chunk);
        // Clean only complete escapes: keep an unfinished one in raw for the next chunk.
        int cut = raw.lastIndexOf("\u001b");
        String ready;
        if (cut >= 0 && unfinishedEscape(raw.substring(cut))) {
            ready = raw.substring(0, cut);
            raw.delete(0, cut);
        } else {
            ready = raw.toString();
            raw.setLength(0);
        }
        String plain = (pendingCr ? "\r" : "") + ANSI.matcher(ready).replaceAll("");
        // A CR may be the first half of a CR LF pair whose LF comes with the next chunk.
        pendingCr = plain.endsWith("\r");
        if (pendingCr) {
            plain = plain.substring(0, plain.length() - 1);
        }
        String clean = plain.replace("\r\n", "\n").replace('\r', '\n');
        for (char c : clean.toCharArray()) {
            if (c == '\n' || c == '\t' || c >= ' ') {
                text.append(c);
            }
        }
        notifyAll();
    }

    /** True when {@code tail} (starting with ESC) is no escape yet but more input could make it one. */
    private static boolean unfinishedEscape(String tail) {
        Matcher m = ANSI.matcher(tail);
        return !m.lookingAt() && m.hitEnd();
    }

    synchronized String text() {
        return text.toString();
    }

    /**
     * Waits until {@code pattern} occurs at or after {@code from}; fails at the deadline or as
     * soon as {@code alive} turns false (the PC powered off or QEMU died) with the transcript.
     */
    synchronized Marker await(Pattern pattern, int from, Duration timeout, BooleanSupplier alive) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(text);
            if (m.find(Math.min(from, text.length()))) {
                return new Marker(m.group(), m, m.end(), Duration.ofNanos(System.nanoTime() - startNanos));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no '" + pattern + "' on the serial console within " + timeout);
            }
            if (!alive.getAsBoolean()) {
                wait(200); // the last output may still be on its way
                if (!pattern.matcher(text).find(Math.min(from, text.length()))) {
                    throw new AssertionError("the PC stopped before printing '" + pattern + "'");
                }
                continue;
            }
            wait(Math.max(1, Math.min(left / 1_000_000, 100)));
        }
    }
}
