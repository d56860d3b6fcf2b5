package org.streamboot.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.streamboot.server.block.MemoryView;

/**
 * A {@link MemoryView} as a Netty buffer that owns it: the read cache's slots are written to the
 * socket as they are, and the view goes back when Netty releases the buffer (after the write
 * that took it has completed or failed). Read-only in practice: nothing writes to a reply.
 */
public final class MemoryViewBuf extends CompositeByteBuf {

    /**
     * Replies smaller than this are cheaper to copy than to compose of views: with 4 KiB
     * random reads, views measured 4 % fewer IOPS than copies over NBD (bench/block-targets.sh).
     */
    public static final int WORTH_LENDING = 16 * 1024;

    private final MemoryView view;

    private MemoryViewBuf(ByteBufAllocator alloc, MemoryView view, ByteBuffer[] pieces) {
        super(alloc, true, Math.max(1, pieces.length));
        this.view = view;
        for (ByteBuffer piece : pieces) {
            addComponent(true, Unpooled.wrappedBuffer(piece));
        }
    }

    /** Takes over the caller's reference to {@code view}. */
    public static ByteBuf of(ByteBufAllocator alloc, MemoryView view) {
        try {
            return new MemoryViewBuf(alloc, view, view.slices(0, view.length()));
        } catch (RuntimeException e) {
            view.release();
            throw e;
        }
    }

    @Override
    protected void deallocate() {
        try {
            super.deallocate();
        } finally {
            view.release();
        }
    }
}
