package org.streamboot.server.nbd;

import static org.streamboot.server.nbd.NbdProtocol.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.BlockRangeException;
import org.streamboot.server.block.MemoryView;
import org.streamboot.server.block.OutOfSpaceException;
import org.streamboot.server.block.WriteProtectedException;
import org.streamboot.server.net.MemoryViewBuf;

/**
 * Runs one checked transmission request against the export's device and encodes its reply.
 * Called on an executor thread: every method here may block on disk.
 */
final class NbdCommands {

    private static final Logger log = LoggerFactory.getLogger(NbdCommands.class);
    /** WRITE_ZEROES with NO_HOLE writes real zeros, this many bytes at a time. */
    private static final int ZERO_CHUNK = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_CHUNK).asReadOnlyBuffer();

    private final NbdCounters counters;

    NbdCommands(NbdCounters counters) {
        this.counters = counters;
    }

    /** The reply for {@code request}, which {@link NbdSession#check} already passed. */
    ByteBuf execute(NbdInbound.Request request, NbdSession.Export export, boolean structured, ByteBufAllocator alloc) {
        BlockDevice device = export.device();
        try {
            if (request.type() == CMD_READ) {
                return read(request, device, structured, alloc);
            }
            switch (request.type()) {
                case CMD_WRITE -> {
                    device.write(request.offset(), request.payload().nioBuffer());
                    counters.wrote(request.length());
                }
                case CMD_FLUSH -> device.flush();
                case CMD_TRIM -> device.trim(request.offset(), request.length());
                case CMD_WRITE_ZEROES -> writeZeroes(request, device);
                default -> throw new IllegalArgumentException("unchecked request type " + request.type());
            }
            if ((request.flags() & CMD_FLAG_FUA) != 0 && request.type() != CMD_FLUSH) {
                // Forced unit access: the reply may only go out once the data is durable.
                device.flush();
            }
            return structured ? NbdReplies.none(alloc, request.cookie()) : NbdReplies.simple(alloc, request.cookie(), 0);
        } catch (IOException | RuntimeException e) {
            int errno = errno(e);
            counters.failed();
            if (errno == EIO) {
                log.warn("NBD {} on export '{}' failed: {}", request.type(), export.name(), e.toString());
            }
            return error(alloc, request.cookie(), errno, e.getMessage() == null ? e.toString() : e.getMessage(), structured);
        }
    }

    /**
     * The reply to a checked read when the device has every byte in RAM, else null (also on
     * any failure: {@link #execute} on the executor then reads again and reports the error).
     * Runs on the event loop, so it must never block. Bytes in the read cache are lent, not copied.
     */
    ByteBuf readFromMemory(NbdInbound.Request request, NbdSession.Export export, boolean structured,
            ByteBufAllocator alloc) {
        int length = (int) request.length();
        ByteBuf data = null;
        try {
            MemoryView view = length < MemoryViewBuf.WORTH_LENDING ? null
                    : export.device().viewFromMemory(request.offset(), length);
            if (view != null) {
                // The read cache's slots, sent as they are: no copy into a reply buffer.
                data = MemoryViewBuf.of(alloc, view);
            } else {
                data = alloc.directBuffer(length);
                if (!export.device().readFromMemory(request.offset(), data.nioBuffer(0, length))) {
                    data.release();
                    return null;
                }
                data.writerIndex(length);
            }
        } catch (IOException | RuntimeException e) {
            if (data != null) {
                data.release();
            }
            return null;
        }
        counters.read(length);
        return withHeader(request, structured, alloc, data);
    }

    private ByteBuf read(NbdInbound.Request request, BlockDevice device, boolean structured, ByteBufAllocator alloc)
            throws IOException {
        int length = (int) request.length();
        ByteBuf data = alloc.directBuffer(length);
        try {
            device.read(request.offset(), data.nioBuffer(0, length));
            data.writerIndex(length);
        } catch (IOException | RuntimeException e) {
            data.release();
            throw e;
        }
        counters.read(length);
        return withHeader(request, structured, alloc, data);
    }

    private static ByteBuf withHeader(NbdInbound.Request request, boolean structured, ByteBufAllocator alloc,
            ByteBuf data) {
        ByteBuf header = structured
                ? NbdReplies.offsetData(alloc, request.cookie(), request.offset(), data.readableBytes())
                : NbdReplies.simple(alloc, request.cookie(), 0);
        return Unpooled.wrappedBuffer(header, data);
    }

    private static void writeZeroes(NbdInbound.Request request, BlockDevice device) throws IOException {
        if ((request.flags() & CMD_FLAG_NO_HOLE) == 0) {
            // BlockDevice.trim guarantees the range reads back as zeros afterwards, which is
            // exactly what WRITE_ZEROES asks when the client allows holes.
            device.trim(request.offset(), request.length());
            return;
        }
        long offset = request.offset();
        long left = request.length();
        while (left > 0) {
            int n = (int) Math.min(left, ZERO_CHUNK);
            device.write(offset, ZEROS.duplicate().limit(n));
            offset += n;
            left -= n;
        }
    }

    /** proto.md "Error values": the errno a failure is reported as. */
    static int errno(Throwable e) {
        return switch (e) {
            case WriteProtectedException w -> EPERM;
            case BlockRangeException r -> EINVAL;
            case OutOfSpaceException o -> ENOSPC;
            default -> EIO;
        };
    }

    static ByteBuf error(ByteBufAllocator alloc, long cookie, int errno, String message, boolean structured) {
        return structured ? NbdReplies.error(alloc, cookie, errno, message) : NbdReplies.simple(alloc, cookie, errno);
    }
}
