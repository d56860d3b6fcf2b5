package org.streamboot.server.nbd;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One option reply ("Option reply" in proto.md): magic, the option it answers, a reply type
 * and type-specific data. Error replies carry a human-readable UTF-8 message as their data.
 */
record OptionReply(int option, int type, byte[] data) {

    OptionReply {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    boolean isError() {
        return type < 0;
    }

    static OptionReply ack(int option) {
        return new OptionReply(option, NbdProtocol.REP_ACK, new byte[0]);
    }

    static OptionReply error(int option, int errorType, String message) {
        return new OptionReply(option, errorType, utf8(message, NbdProtocol.MAX_STRING));
    }

    /** NBD_REP_SERVER for NBD_OPT_LIST: a 32-bit name length, then the name. */
    static OptionReply server(String name) {
        byte[] n = utf8(name, NbdProtocol.MAX_STRING);
        return new OptionReply(NbdProtocol.OPT_LIST, NbdProtocol.REP_SERVER,
                ByteBuffer.allocate(4 + n.length).putInt(n.length).put(n).array());
    }

    /** NBD_INFO_EXPORT: size and transmission flags; every successful INFO/GO sends it. */
    static OptionReply infoExport(int option, long size, int transmissionFlags) {
        return new OptionReply(option, NbdProtocol.REP_INFO, ByteBuffer.allocate(12)
                .putShort((short) NbdProtocol.INFO_EXPORT).putLong(size).putShort((short) transmissionFlags).array());
    }

    static OptionReply infoText(int option, int infoType, String text) {
        byte[] t = utf8(text, NbdProtocol.MAX_STRING);
        return new OptionReply(option, NbdProtocol.REP_INFO,
                ByteBuffer.allocate(2 + t.length).putShort((short) infoType).put(t).array());
    }

    static OptionReply infoBlockSize(int option, int minimum, int preferred, int maximum) {
        return new OptionReply(option, NbdProtocol.REP_INFO, ByteBuffer.allocate(14)
                .putShort((short) NbdProtocol.INFO_BLOCK_SIZE).putInt(minimum).putInt(preferred).putInt(maximum).array());
    }

    void encode(ByteBuf out) {
        out.writeLong(NbdProtocol.OPTION_REPLY_MAGIC).writeInt(option).writeInt(type).writeInt(data.length).writeBytes(data);
    }

    private static byte[] utf8(String text, int limit) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= limit ? bytes : Arrays.copyOf(bytes, limit);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionReply other && option == other.option && type == other.type && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * option + type) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "OptionReply[option=" + option + ", type=0x" + Integer.toHexString(type) + ", " + data.length + " bytes]";
    }
}
