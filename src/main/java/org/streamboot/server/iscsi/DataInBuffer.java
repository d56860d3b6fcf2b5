package org.streamboot.server.iscsi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * Lends one READ its data buffer from the channel's pooled allocator, and takes it back once the
 * answer is written. A fresh heap array per read cost more than the read itself: G1 places a
 * 1 MiB array in humongous regions, and such reads filled the heap between collections. The
 * Data-In PDUs only view the buffer; the frame encoder copies them when they are written, which
 * happens on the event loop before {@link #release}, so the memory is free to reuse at once.
 */
final class DataInBuffer implements IntFunction<ByteBuffer> {

    private final ByteBufAllocator alloc;
    /** Set on a worker, released on the event loop; the completion queue orders the two. */
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

    /** Returns the buffer to the pool; the PDUs that viewed it must have been encoded (or dropped). */
    void release() {
        ByteBuf buf = lent;
        lent = null;
        if (buf != null) {
            buf.release();
        }
    }
}
