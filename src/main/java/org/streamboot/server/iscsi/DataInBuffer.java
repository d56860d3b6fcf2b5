package org.streamboot.server.iscsi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * Lends one READ its data buffer from the channel's pooled allocator, and takes it back once the
 * answer is written. A fresh heap array per read cost more than the read itself: G1 places a
 * 1 MiB array in humongous regions, and such reads filled the heap between collections.
 *
 * <p>The Data-In PDUs only view the buffer, and the frame encoder sends large segments from it
 * without copying, so the memory stays lent until the socket has taken every PDU that uses it:
 * the buffer is reference counted, one reference for the lender ({@link #release}) and one for
 * each such write ({@link #keepUntil}).
 */
final class DataInBuffer implements IntFunction<ByteBuffer> {

    private final ByteBufAllocator alloc;
    /** Set on a worker, used and released on the event loop; the completion queue orders the two. */
    private volatile ByteBuf lent;

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

    /** Keeps the buffer out of the pool until {@code write} has completed (or failed). */
    void keepUntil(ChannelFuture write) {
        ByteBuf buf = lent;
        if (buf != null) {
            buf.retain();
            write.addListener(f -> buf.release());
        }
    }

    /** Drops the lender's reference; the pool gets the memory back after the last write using it. */
    void release() {
        ByteBuf buf = lent;
        lent = null;
        if (buf != null) {
            buf.release();
        }
    }
}
