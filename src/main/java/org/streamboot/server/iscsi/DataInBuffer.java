package org.streamboot.server.iscsi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;
import org.streamboot.server.block.MemoryView;

/**
 * Lends one READ its data buffer from the channel's pooled allocator, and takes it back once the
 * answer is written; or holds the read-cache memory a READ answered from RAM lent instead
 * ({@link #hold}, a {@link MemoryView}), until the same point. A fresh heap array per read cost
 * more than the read itself: G1 places a 1 MiB array in humongous regions, and such reads
 * filled the heap between collections.
 *
 * <p>The Data-In PDUs only view the buffer, and the frame encoder sends large segments from it
 * without copying, so the memory stays lent until the socket has taken every PDU that uses it:
 * the buffer is reference counted, one reference for the lender ({@link #release}) and one for
 * each such write ({@link #keepUntil}). A held view is counted the same way.
 */
final class DataInBuffer implements IntFunction<ByteBuffer> {

    private final ByteBufAllocator alloc;
    /** Set on a worker, used and released on the event loop; the completion queue orders the two. */
    private volatile ByteBuf lent;
    /** Set and used on the event loop. */
    private MemoryView held;

    DataInBuffer(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    @Override
    public ByteBuffer apply(int length) {
        ByteBuf buf = alloc.directBuffer(length, length);
        // A read tried from RAM first may have taken one already; only the last one is answered.
        release();
        lent = buf;
        return buf.nioBuffer(0, length);
    }

    /** Takes over the one reference of a result's view (none: null), released with this buffer. */
    void hold(MemoryView view) {
        if (held != null) {
            held.release();
        }
        held = view;
    }

    /**
     * Keeps the buffer out of the pool, and a held view's memory valid, until {@code write} has
     * completed (or failed).
     */
    void keepUntil(ChannelFuture write) {
        ByteBuf buf = lent;
        if (buf != null) {
            buf.retain();
            write.addListener(f -> buf.release());
        }
        MemoryView view = held;
        if (view != null) {
            view.retain();
            write.addListener(f -> view.release());
        }
    }

    /** Drops the lender's references; the memory goes back after the last write using it. */
    void release() {
        ByteBuf buf = lent;
        lent = null;
        if (buf != null) {
            buf.release();
        }
        hold(null);
    }
}
