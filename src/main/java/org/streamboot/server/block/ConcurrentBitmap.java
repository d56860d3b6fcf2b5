package org.streamboot.server.block;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size bitmap that many threads may set at once without locks. Setting an already-set
 * bit costs one volatile read, so a hot path that keeps touching the same blocks stays cheap.
 */
final class ConcurrentBitmap {

    private final long bits;
    private final AtomicLongArray words;

    ConcurrentBitmap(long bits) {
        if (bits < 0 || (bits + 63) / 64 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad bitmap size: " + bits);
        }
        this.bits = bits;
        this.words = new AtomicLongArray((int) ((bits + 63) / 64));
    }

    long size() {
        return bits;
    }

    /** Sets bits {@code [from, to)}. */
    void setRange(long from, long to) {
        if (from < 0 || to > bits || from > to) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + bits);
        }
        long bit = from;
        while (bit < to) {
            int index = (int) (bit >>> 6);
            int first = (int) (bit & 63);
            int count = (int) Math.min(64 - first, to - bit);
            long mask = (count == 64 ? -1L : ((1L << count) - 1)) << first;
            if ((words.get(index) & mask) != mask) {
                words.getAndAccumulate(index, mask, (a, b) -> a | b);
            }
            bit += count;
        }
    }

    boolean get(long bit) {
        return (words.get((int) (bit >>> 6)) & (1L << (bit & 63))) != 0;
    }

    /** A copy of the words, in {@link java.util.BitSet#valueOf(long[])} layout. */
    long[] copy() {
        long[] copy = new long[words.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = words.get(i);
        }
        return copy;
    }
}
