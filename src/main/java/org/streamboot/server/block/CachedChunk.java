package org.streamboot.server.block;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One chunk of the read cache in a slot of {@link ChunkMemory}, reference counted: the cache
 * holds one reference while the chunk is an entry, and every reader copying out of it or
 * lending a {@link MemoryView} of it holds one, so an eviction during a copy or a send cannot
 * hand the slot to another chunk before the copy or send is done.
 * The slot is freed when the last reference goes. A chunk whose count has reached zero can
 * never be acquired again: a reader that loses that race treats the chunk as not cached.
 */
final class CachedChunk {

    private final ChunkMemory memory;
    private final int slot;
    private final ByteBuffer bytes;
    private final AtomicInteger refs = new AtomicInteger(1);

    CachedChunk(ChunkMemory memory, int slot, ByteBuffer bytes) {
        this.memory = memory;
        this.slot = slot;
        this.bytes = bytes;
    }

    int length() {
        return bytes.capacity();
    }

    /** Takes a reference unless the chunk is already freed; true when taken. */
    boolean acquire() {
        for (int r = refs.get(); r > 0; r = refs.get()) {
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
        return false;
    }

    void release() {
        int r = refs.decrementAndGet();
        if (r == 0) {
            memory.free(slot);
        } else if (r < 0) {
            throw new IllegalStateException("chunk in slot " + slot + " released once too often");
        }
    }

    /** Fills the chunk from {@code from}'s next {@link #length} bytes; only before it is shared. */
    void fill(ByteBuffer from, int index) {
        bytes.put(0, from, index, bytes.capacity());
    }

    /** A view to read into; only before the chunk is shared. */
    ByteBuffer writable() {
        return bytes.duplicate().clear();
    }

    /** Copies {@code length} bytes from {@code from} within the chunk to {@code into}'s position. */
    void copyTo(int from, ByteBuffer into, int length) {
        into.put(bytes.slice(from, length));
    }

    /** A view of {@code length} bytes from {@code from}, for a {@link MemoryView}; valid while a reference is held. */
    ByteBuffer view(int from, int length) {
        return bytes.slice(from, length);
    }

    int references() {
        return refs.get();
    }
}
