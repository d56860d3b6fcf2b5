package org.streamboot.ui.detail;

import java.util.BitSet;
import org.streamboot.server.block.AccessSnapshot;

/**
 * Folds a disk's per-block access bits into the cells of the block map, for a window of the
 * disk that the admin has zoomed to; plain Java, no toolkit. A 64 GiB disk has a million 64 KiB
 * blocks and the map a few thousand cells, so one cell covers a range of blocks: it shows
 * WRITTEN when any block in the range was written (that is what the write cache holds), else
 * READ when this client read any, else CACHED when any is in the shared RAM read cache (read by
 * another PC or prefetched: ready for this one without touching the disk).
 */
public final class BlockMapModel {

    public static final byte NONE = 0;
    public static final byte READ = 1;
    public static final byte WRITTEN = 2;
    public static final byte CACHED = 3;
    /** Zooming stops where one cell is one block. */
    private static final long MIN_WINDOW = 64;

    private long first;
    private long count;
    private long blocks;

    /** Which part of the disk the map shows, in blocks: {@code [first, first + count)}. */
    public long first() {
        return first;
    }

    public long count() {
        return count;
    }

    /** Shows the whole disk when its size changed (another disk or the first snapshot); keeps the zoom otherwise. */
    public void follow(long blockCount) {
        if (blockCount != blocks) {
            blocks = blockCount;
            first = 0;
            count = blockCount;
        }
    }

    /** Halves the window around the point at {@code fraction} (0..1) of it. */
    public void zoomIn(double fraction) {
        if (count <= MIN_WINDOW) {
            return;
        }
        long centre = first + (long) (clamp(fraction) * count);
        count = Math.max(MIN_WINDOW, count / 2);
        first = Math.max(0, Math.min(blocks - count, centre - count / 2));
    }

    public void zoomOut() {
        long centre = first + count / 2;
        count = Math.min(blocks, count * 2);
        first = Math.max(0, Math.min(blocks - count, centre - count / 2));
    }

    public void reset() {
        first = 0;
        count = blocks;
    }

    public boolean zoomed() {
        return count < blocks;
    }

    /** The cells of the current window; {@code cells} of them, each NONE, READ, CACHED or WRITTEN. */
    public byte[] cells(AccessSnapshot access, BitSet readCached, int cells) {
        return cells(access.readSet(), access.writtenSet(), readCached, first, count, cells);
    }

    static byte[] cells(BitSet read, BitSet written, BitSet cached, long first, long count, int cells) {
        byte[] out = new byte[Math.max(0, cells)];
        if (count <= 0 || cells <= 0) {
            return out;
        }
        for (int i = 0; i < cells; i++) {
            int from = (int) (first + count * i / cells);
            int to = (int) Math.max(from + 1, first + count * (i + 1) / cells);
            if (any(written, from, to)) {
                out[i] = WRITTEN;
            } else if (any(read, from, to)) {
                out[i] = READ;
            } else if (any(cached, from, to)) {
                out[i] = CACHED;
            }
        }
        return out;
    }

    private static boolean any(BitSet bits, int from, int to) {
        int next = bits.nextSetBit(from);
        return next >= 0 && next < to;
    }

    /** "Blocks 0–1.0 M of 1.0 M (64 KiB each)" style caption for the map's window, in disk offsets. */
    public String caption(int granularity) {
        return "Showing " + bytes(first * granularity) + " – " + bytes((first + count) * granularity)
                + " of " + bytes(blocks * granularity);
    }

    private static String bytes(long b) {
        return org.streamboot.ui.sidebar.SidebarViewModel.size(b);
    }

    private static double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }
}
