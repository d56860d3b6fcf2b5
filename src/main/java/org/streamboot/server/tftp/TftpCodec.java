package org.streamboot.server.tftp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes to {@link TftpPacket} and back (RFC 1350 section 5, RFC 2347 section 2). Decoding
 * is strict: every string must end in its NUL, options come in pairs, nothing trails a
 * packet, and sizes are checked before anything is allocated.
 */
public final class TftpCodec {

    /** RFC 2347 section 2: a request, options included, must fit in 512 octets. */
    public static final int MAX_REQUEST_LENGTH = 512;
    private static final int MAX_OPTIONS = 16;

    private TftpCodec() {
    }

    public static TftpPacket decode(ByteBuf buf) throws TftpDecodeException {
        int start = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < 2) {
            throw illegal("packet of " + length + " bytes is shorter than an opcode");
        }
        int opcode = buf.getUnsignedShort(start);
        int end = start + length;
        return switch (opcode) {
            case TftpPacket.OP_RRQ, TftpPacket.OP_WRQ -> decodeRequest(buf, opcode, start + 2, end, length);
            case TftpPacket.OP_DATA -> decodeData(buf, start, length);
            case TftpPacket.OP_ACK -> {
                if (length != 4) {
                    throw illegal("ACK must be 4 bytes, got " + length);
                }
                yield new TftpPacket.Ack(buf.getUnsignedShort(start + 2));
            }
            case TftpPacket.OP_ERROR -> decodeError(buf, start, end, length);
            case TftpPacket.OP_OACK -> new TftpPacket.Oack(decodeOptions(buf, start + 2, end));
            default -> throw illegal("unknown opcode " + opcode);
        };
    }

    private static TftpPacket decodeRequest(ByteBuf buf, int opcode, int from, int end, int length)
            throws TftpDecodeException {
        if (length > MAX_REQUEST_LENGTH) {
            throw illegal("request of " + length + " bytes exceeds " + MAX_REQUEST_LENGTH + " (RFC 2347)");
        }
        int filenameEnd = nul(buf, from, end, "filename");
        String filename = text(buf, from, filenameEnd, "filename");
        if (filename.isEmpty()) {
            throw illegal("empty filename");
        }
        int modeEnd = nul(buf, filenameEnd + 1, end, "mode");
        String mode = text(buf, filenameEnd + 1, modeEnd, "mode").toLowerCase(Locale.ROOT);
        if (mode.isEmpty()) {
            throw illegal("empty transfer mode");
        }
        Map<String, String> options = decodeOptions(buf, modeEnd + 1, end);
        return opcode == TftpPacket.OP_RRQ
                ? new TftpPacket.Rrq(filename, mode, options)
                : new TftpPacket.Wrq(filename, mode, options);
    }

    private static TftpPacket decodeData(ByteBuf buf, int start, int length) throws TftpDecodeException {
        if (length < 4) {
            throw illegal("DATA shorter than its header");
        }
        int payload = length - 4;
        if (payload > TftpPacket.MAX_BLOCK_SIZE) {
            throw illegal("DATA payload of " + payload + " bytes exceeds " + TftpPacket.MAX_BLOCK_SIZE);
        }
        byte[] bytes = new byte[payload];
        buf.getBytes(start + 4, bytes);
        return new TftpPacket.Data(buf.getUnsignedShort(start + 2), ByteBuffer.wrap(bytes));
    }

    private static TftpPacket decodeError(ByteBuf buf, int start, int end, int length) throws TftpDecodeException {
        if (length < 5) {
            throw illegal("ERROR shorter than code and message terminator");
        }
        int messageEnd = nul(buf, start + 4, end, "error message");
        if (messageEnd != end - 1) {
            throw illegal("bytes after the error message");
        }
        return new TftpPacket.Error(buf.getUnsignedShort(start + 2), text(buf, start + 4, messageEnd, "error message"));
    }

    /** Name/value pairs, each NUL-terminated (RFC 2347 section 2), up to the end of the packet. */
    private static Map<String, String> decodeOptions(ByteBuf buf, int from, int end) throws TftpDecodeException {
        Map<String, String> options = new LinkedHashMap<>();
        int at = from;
        while (at < end) {
            int nameEnd = nul(buf, at, end, "option name");
            String name = text(buf, at, nameEnd, "option name").toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw optionError("empty option name");
            }
            if (nameEnd + 1 >= end) {
                throw optionError("option '" + name + "' has no value");
            }
            int valueEnd = nul(buf, nameEnd + 1, end, "value of option '" + name + "'");
            String value = text(buf, nameEnd + 1, valueEnd, "option value");
            if (options.putIfAbsent(name, value) != null) {
                throw optionError("option '" + name + "' given twice");
            }
            if (options.size() > MAX_OPTIONS) {
                throw optionError("more than " + MAX_OPTIONS + " options");
            }
            at = valueEnd + 1;
        }
        return options;
    }

    private static int nul(ByteBuf buf, int from, int end, String what) throws TftpDecodeException {
        int at = from >= end ? -1 : buf.indexOf(from, end, (byte) 0);
        if (at < 0) {
            throw illegal(what + " is not terminated by a NUL byte");
        }
        return at;
    }

    private static String text(ByteBuf buf, int from, int to, String what) throws TftpDecodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buf.nioBuffer(from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw illegal(what + " is not valid text");
        }
    }

    private static TftpDecodeException illegal(String message) {
        return new TftpDecodeException(TftpErrorCode.ILLEGAL_OPERATION, message);
    }

    private static TftpDecodeException optionError(String message) {
        return new TftpDecodeException(TftpErrorCode.OPTION_NEGOTIATION, message);
    }

    public static ByteBuf encode(TftpPacket packet, ByteBufAllocator alloc) {
        return switch (packet) {
            case TftpPacket.Rrq r -> request(alloc, TftpPacket.OP_RRQ, r.filename(), r.mode(), r.options());
            case TftpPacket.Wrq w -> request(alloc, TftpPacket.OP_WRQ, w.filename(), w.mode(), w.options());
            case TftpPacket.Data d -> alloc.buffer(4 + d.length())
                    .writeShort(TftpPacket.OP_DATA).writeShort(d.block()).writeBytes(d.payload().duplicate());
            case TftpPacket.Ack a -> alloc.buffer(4).writeShort(TftpPacket.OP_ACK).writeShort(a.block());
            case TftpPacket.Error e -> {
                ByteBuf buf = alloc.buffer().writeShort(TftpPacket.OP_ERROR).writeShort(e.code());
                yield string(buf, e.message());
            }
            case TftpPacket.Oack o -> options(alloc.buffer().writeShort(TftpPacket.OP_OACK), o.options());
        };
    }

    private static ByteBuf request(ByteBufAllocator alloc, int opcode, String file, String mode, Map<String, String> options) {
        ByteBuf buf = alloc.buffer().writeShort(opcode);
        string(buf, file);
        string(buf, mode);
        return options(buf, options);
    }

    private static ByteBuf options(ByteBuf buf, Map<String, String> options) {
        options.forEach((name, value) -> {
            string(buf, name);
            string(buf, value);
        });
        return buf;
    }

    private static ByteBuf string(ByteBuf buf, String s) {
        buf.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return buf.writeByte(0);
    }
}
