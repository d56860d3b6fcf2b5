package org.streamboot.server.block;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks shared by all blocks: block {@code b} uses lock {@code hash(b) mod n}.
 * Enough stripes make contention between unrelated blocks rare, while memory stays constant
 * whatever the disk size.
 */
final class StripedLocks {

    private final ReentrantLock[] locks;

    StripedLocks(int stripes) {
        if (Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two: " + stripes);
        }
        locks = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock forBlock(long block) {
        // Mix the bits so that strided access patterns (e.g. every 8th block) spread over all stripes.
        long h = block * 0x9E37_79B9_7F4A_7C15L;
        return locks[(int) (h >>> 40) & (locks.length - 1)];
    }
}
