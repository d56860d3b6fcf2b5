package org.streamboot.server.block;

import java.util.concurrent.atomic.AtomicLong;

/** Counts an overlay's ALLOCATED blocks against its quota; safe for concurrent writers. */
final class OverlayQuota {

    private final int blockSize;
    private final long quotaBytes;
    private final long quotaBlocks;
    private final AtomicLong allocatedBlocks;

    OverlayQuota(long quotaBytes, int blockSize, long allocatedBlocks) {
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("negative quota: " + quotaBytes);
        }
        this.blockSize = blockSize;
        this.quotaBytes = quotaBytes;
        this.quotaBlocks = quotaBytes / blockSize;
        // An admin may lower a quota below what is already held: the overlay still opens,
        // and only new allocations are refused.
        this.allocatedBlocks = new AtomicLong(allocatedBlocks);
    }

    long quotaBytes() {
        return quotaBytes;
    }

    long allocatedBlocks() {
        return allocatedBlocks.get();
    }

    /** Refuses up front a write needing {@code newBlocks}, so that it is not applied half-way. */
    void check(long newBlocks) throws OutOfSpaceException {
        if (newBlocks > 0 && allocatedBlocks.get() + newBlocks > quotaBlocks) {
            throw new OutOfSpaceException(quotaBytes, newBlocks * blockSize);
        }
    }

    /** Takes one block; the exact, race-free check (concurrent writers may pass {@link #check} together). */
    void reserve() throws OutOfSpaceException {
        long current;
        do {
            current = allocatedBlocks.get();
            if (current >= quotaBlocks) {
                throw new OutOfSpaceException(quotaBytes, blockSize);
            }
        } while (!allocatedBlocks.compareAndSet(current, current + 1));
    }

    void release() {
        allocatedBlocks.decrementAndGet();
    }

    void reset() {
        allocatedBlocks.set(0);
    }
}
