package org.streamboot.server.block;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bytes of a device lent as read-only views of the RAM that holds them (read-cache slots),
 * so that a target can send a cache hit without copying it first ({@link BlockDevice#viewFromMemory}).
 * The memory stays valid while the view is held: it is reference counted, one reference for
 * whoever got it and one for each user it is {@link #retain}ed for (a socket write, say); the
 * memory goes back to its owner when the last one is {@link #release}d.
 */
public final class MemoryView {

    private final ByteBuffer[] pieces;
    private final int length;
    private final Runnable onRelease;
    private final AtomicInteger refs = new AtomicInteger(1);

    /** @param pieces the bytes in order, each's remaining bytes; {@code onRelease} runs once, at the last release */
    MemoryView(ByteBuffer[] pieces, Runnable onRelease) {
        this.pieces = new ByteBuffer[pieces.length];
        int total = 0;
        for (int i = 0; i < pieces.length; i++) {
            this.pieces[i] = pieces[i].asReadOnlyBuffer();
            total = Math.addExact(total, pieces[i].remaining());
        }
        this.length = total;
        this.onRelease = onRelease;
    }

    public int length() {
        return length;
    }

    /**
     * Read-only views of bytes {@code [from, from + count)} of this view, in order: as many
     * buffers as the memory holding them is cut into.
     */
    public ByteBuffer[] slices(int from, int count) {
        if (from < 0 || count < 0 || from > length - count) {
            throw new IndexOutOfBoundsException("bytes " + from + "+" + count + " of a view of " + length);
        }
        List<ByteBuffer> out = new ArrayList<>(2);
        int skip = from;
        int left = count;
        for (int i = 0; i < pieces.length && left > 0; i++) {
            ByteBuffer piece = pieces[i];
            if (skip >= piece.remaining()) {
                skip -= piece.remaining();
                continue;
            }
            int len = Math.min(left, piece.remaining() - skip);
            out.add(piece.slice(piece.position() + skip, len));
            skip = 0;
            left -= len;
        }
        return out.toArray(ByteBuffer[]::new);
    }

    /** Copies bytes {@code [from, from + count)} to {@code into}'s position. */
    public void copyTo(int from, int count, ByteBuffer into) {
        for (ByteBuffer piece : slices(from, count)) {
            into.put(piece);
        }
    }

    /** Takes one more reference; fails once the memory has gone back. */
    public MemoryView retain() {
        for (int r = refs.get(); ; r = refs.get()) {
            if (r <= 0) {
                throw new IllegalStateException("memory view already released");
            }
            if (refs.compareAndSet(r, r + 1)) {
                return this;
            }
        }
    }

    /** Drops one reference; the last one gives the memory back. */
    public void release() {
        int r = refs.decrementAndGet();
        if (r == 0) {
            onRelease.run();
        } else if (r < 0) {
            throw new IllegalStateException("memory view released once too often");
        }
    }

    /** References held now, for tests. */
    int references() {
        return refs.get();
    }
}
