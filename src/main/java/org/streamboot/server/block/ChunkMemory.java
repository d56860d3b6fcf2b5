package org.streamboot.server.block;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Off-heap memory for the read cache, cut into slots of one chunk each. Chunks on the Java heap
 * were 64 KiB arrays that young collections copied while they were new, and a cache hit had to
 * be copied from the heap into the direct buffer a reply is written from; slots are direct
 * memory, so a hit is one native copy into the reply.
 *
 * <p>Slabs of slots are reserved on demand and kept for the life of the cache: an evicted
 * chunk's slot goes back on the free list for the next load ({@link CachedChunk#release}), so
 * the memory in use stays near the cache's budget plus the chunks readers hold at the moment.
 * Slabs come from {@link PrefaultedMemory}: their pages are mapped in one call when reserved,
 * not faulted in one by one by the first copy. They are returned to the system only when the
 * cache and every view of its memory are unreachable, so no reader can ever see freed memory.
 * (A slab from {@code Arena.allocate} was zeroed by a Java loop, which took half the time of a
 * cold read.)
 */
final class ChunkMemory {

    /** Slab size for large caches: few slabs, each mapped with one system call when reserved. */
    private static final int MAX_SLAB_BYTES = 8 << 20;

    private final int slotSize;
    private final int slotsPerSlab;
    private final List<ByteBuffer> slabs = new ArrayList<>();
    private int[] free = new int[16];
    private int freeCount;

    /** @param budget the cache's byte budget, so that a small cache reserves a small slab */
    ChunkMemory(int slotSize, long budget) {
        this.slotSize = slotSize;
        long slab = Math.clamp(budget, slotSize, Math.max(slotSize, MAX_SLAB_BYTES));
        this.slotsPerSlab = (int) Math.max(1, slab / slotSize);
    }

    /** A chunk of {@code length} bytes (at most one slot) holding one reference, its owner's. */
    CachedChunk allocate(int length) {
        if (length > slotSize || length < 0) {
            throw new IllegalArgumentException("chunk of " + length + " bytes in slots of " + slotSize);
        }
        int slot = takeSlot();
        ByteBuffer slab = slab(slot / slotsPerSlab);
        return new CachedChunk(this, slot, slab.slice(slot % slotsPerSlab * slotSize, length));
    }

    /** Bytes reserved off the heap so far (the high-water mark of slots in use). */
    synchronized long bytesReserved() {
        return (long) slabs.size() * slotsPerSlab * slotSize;
    }

    /** Slots not holding a chunk now. */
    synchronized int freeSlots() {
        return freeCount;
    }

    synchronized void free(int slot) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = slot;
    }

    private int takeSlot() {
        synchronized (this) {
            if (freeCount > 0) {
                return free[--freeCount];
            }
        }
        // Reserved outside the lock: mapping a slab must not hold up loads that find a free slot.
        ByteBuffer slab = PrefaultedMemory.allocate(slotsPerSlab * slotSize);
        synchronized (this) {
            int first = slabs.size() * slotsPerSlab;
            slabs.add(slab);
            for (int s = first + slotsPerSlab - 1; s > first; s--) {
                free(s);
            }
            return first;
        }
    }

    private synchronized ByteBuffer slab(int index) {
        return slabs.get(index);
    }
}
