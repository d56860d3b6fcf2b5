package org.streamboot.server.block;

import java.util.ArrayList;
import java.util.List;

/**
 * The chunks a boot read, in the order it first read them: replayed by
 * {@link ReadCache#prefetch} so the next client's boot finds them in RAM.
 * Saved and loaded with {@link BootProfileCodec}.
 */
public record BootProfile(int chunkSize, long deviceSize, long[] chunks) {

    public BootProfile {
        if (Integer.bitCount(chunkSize) != 1) {
            throw new IllegalArgumentException("chunk size must be a power of two: " + chunkSize);
        }
        if (deviceSize < 0) {
            throw new IllegalArgumentException("negative device size: " + deviceSize);
        }
        chunks = chunks.clone();
        long chunkCount = (deviceSize + chunkSize - 1) / chunkSize;
        for (long c : chunks) {
            if (c < 0 || c >= chunkCount) {
                throw new IllegalArgumentException("chunk " + c + " is outside a device of " + chunkCount + " chunks");
            }
        }
    }

    @Override
    public long[] chunks() {
        return chunks.clone();
    }

    public int chunkCount() {
        return chunks.length;
    }

    /** The chunks as {@code {offset, length}} ranges, keeping order and merging ascending runs. */
    public List<long[]> toRanges() {
        List<long[]> ranges = new ArrayList<>();
        int i = 0;
        while (i < chunks.length) {
            int j = i + 1;
            while (j < chunks.length && chunks[j] == chunks[j - 1] + 1) {
                j++;
            }
            long start = chunks[i] * chunkSize;
            long end = Math.min(deviceSize, (chunks[j - 1] + 1) * chunkSize);
            ranges.add(new long[] {start, end - start});
            i = j;
        }
        return ranges;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BootProfile p && p.chunkSize == chunkSize && p.deviceSize == deviceSize
                && java.util.Arrays.equals(p.chunks, chunks);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * chunkSize + Long.hashCode(deviceSize)) + java.util.Arrays.hashCode(chunks);
    }

    @Override
    public String toString() {
        return "BootProfile[" + chunks.length + " chunks of " + chunkSize + " bytes, device " + deviceSize + "]";
    }
}
