package org.streamboot.server.nbd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** Encodes the server's side of the wire that is not an option reply (proto.md sections named per method). */
final class NbdReplies {

    private NbdReplies() {
    }

    /** "Newstyle negotiation": NBDMAGIC, IHAVEOPT, 16-bit handshake flags. */
    static ByteBuf greeting(ByteBufAllocator alloc) {
        return alloc.buffer(18).writeLong(NbdProtocol.NBDMAGIC).writeLong(NbdProtocol.IHAVEOPT)
                .writeShort(NbdProtocol.FLAG_FIXED_NEWSTYLE | NbdProtocol.FLAG_NO_ZEROES);
    }

    /** The reply to NBD_OPT_EXPORT_NAME: size, transmission flags, and 124 zeros unless NO_ZEROES. */
    static ByteBuf exportName(ByteBufAllocator alloc, long size, int transmissionFlags, boolean noZeroes) {
        int padding = noZeroes ? 0 : NbdProtocol.EXPORT_NAME_PADDING;
        return alloc.buffer(10 + padding).writeLong(size).writeShort(transmissionFlags).writeZero(padding);
    }

    static ByteBuf options(ByteBufAllocator alloc, Iterable<OptionReply> replies) {
        ByteBuf out = alloc.buffer();
        for (OptionReply reply : replies) {
            reply.encode(out);
        }
        return out;
    }

    /** "Simple reply message": magic, error, cookie; read data follows when error is 0. */
    static ByteBuf simple(ByteBufAllocator alloc, long cookie, int error) {
        return alloc.buffer(16).writeInt(NbdProtocol.SIMPLE_REPLY_MAGIC).writeInt(error).writeLong(cookie);
    }

    /** "Structured reply chunk message" header. */
    static ByteBuf chunkHeader(ByteBuf out, long cookie, int flags, int type, int length) {
        return out.writeInt(NbdProtocol.STRUCTURED_REPLY_MAGIC).writeShort(flags).writeShort(type).writeLong(cookie)
                .writeInt(length);
    }

    /** NBD_REPLY_TYPE_OFFSET_DATA header with DONE set; {@code dataLength} bytes follow it. */
    static ByteBuf offsetData(ByteBufAllocator alloc, long cookie, long offset, int dataLength) {
        ByteBuf out = alloc.buffer(28);
        chunkHeader(out, cookie, NbdProtocol.REPLY_FLAG_DONE, NbdProtocol.REPLY_TYPE_OFFSET_DATA, 8 + dataLength);
        return out.writeLong(offset);
    }

    /** NBD_REPLY_TYPE_NONE with DONE: a structured success without data. */
    static ByteBuf none(ByteBufAllocator alloc, long cookie) {
        return chunkHeader(alloc.buffer(20), cookie, NbdProtocol.REPLY_FLAG_DONE, NbdProtocol.REPLY_TYPE_NONE, 0);
    }

    /** NBD_REPLY_TYPE_ERROR with DONE: errno, 16-bit message length, message. */
    static ByteBuf error(ByteBufAllocator alloc, long cookie, int errno, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(text.length, NbdProtocol.MAX_STRING);
        ByteBuf out = alloc.buffer(20 + 6 + n);
        chunkHeader(out, cookie, NbdProtocol.REPLY_FLAG_DONE, NbdProtocol.REPLY_TYPE_ERROR, 6 + n);
        return out.writeInt(errno).writeShort(n).writeBytes(text, 0, n);
    }
}
