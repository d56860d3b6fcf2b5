package org.streamboot.server.block;

import java.time.Instant;
import java.util.BitSet;

/**
 * What a client has read and written so far, copied at one moment for the live console.
 * Bit {@code i} of {@code readBits} / {@code writtenBits} covers bytes
 * {@code [i * granularity, (i + 1) * granularity)}; the arrays use {@link BitSet#valueOf(long[])}
 * layout. Trims count as writes: they change what the client sees.
 */
public record AccessSnapshot(long deviceSize, int granularity, long[] readBits, long[] writtenBits,
        long bytesRead, long bytesWritten, long readRequests, long writeRequests, Instant at) {

    public AccessSnapshot {
        readBits = readBits.clone();
        writtenBits = writtenBits.clone();
    }

    @Override
    public long[] readBits() {
        return readBits.clone();
    }

    @Override
    public long[] writtenBits() {
        return writtenBits.clone();
    }

    public long blockCount() {
        return (deviceSize + granularity - 1) / granularity;
    }

    public boolean wasRead(long block) {
        return bit(readBits, block);
    }

    public boolean wasWritten(long block) {
        return bit(writtenBits, block);
    }

    public BitSet readSet() {
        return BitSet.valueOf(readBits);
    }

    public BitSet writtenSet() {
        return BitSet.valueOf(writtenBits);
    }

    /** Share of the device's blocks read at least once (the "streamed so far" bar). */
    public double readFraction() {
        long blocks = blockCount();
        return blocks == 0 ? 0.0 : (double) readSet().cardinality() / blocks;
    }

    private static boolean bit(long[] words, long block) {
        int index = (int) (block >>> 6);
        return index < words.length && (words[index] & (1L << (block & 63))) != 0;
    }
}
