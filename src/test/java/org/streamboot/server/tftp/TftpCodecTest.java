package org.streamboot.server.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden bytes, written out by hand from the packet diagrams of RFC 1350 section 5 and RFC 2347 section 2. */
class TftpCodecTest {

    private static TftpPacket decode(String hex) throws TftpDecodeException {
        return TftpCodec.decode(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
    }

    private static String encode(TftpPacket packet) {
        ByteBuf buf = TftpCodec.encode(packet, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }

    private static Map<String, String> options(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    // | 01 | "undionly.kpxe" 0 | "octet" 0 | "blksize" 0 | "1428" 0 | "tsize" 0 | "0" 0 |
    private static final String RRQ_WITH_OPTIONS =
            "0001756e64696f6e6c792e6b707865006f6374657400626c6b73697a650031343238007473697a65003000";

    @Test
    void readRequestWithOptionsRoundTrips() throws Exception {
        TftpPacket.Rrq expected = new TftpPacket.Rrq("undionly.kpxe", "octet", options("blksize", "1428", "tsize", "0"));
        assertThat(decode(RRQ_WITH_OPTIONS)).isEqualTo(expected);
        assertThat(encode(expected)).isEqualTo(RRQ_WITH_OPTIONS);
    }

    @Test
    void modeAndOptionNamesAreCaseInsensitive() throws Exception {
        // "a" 0 "OCTET" 0 "BlkSize" 0 "512" 0  (RFC 1350: mode in any case; RFC 2347: names too)
        TftpPacket p = decode("0001" + "6100" + "4f4354455400" + "426c6b53697a6500" + "35313200");
        assertThat(p).isEqualTo(new TftpPacket.Rrq("a", "octet", options("blksize", "512")));
    }

    @Test
    void writeRequest() throws Exception {
        assertThat(decode("0002612e747874006f6374657400")).isEqualTo(new TftpPacket.Wrq("a.txt", "octet", Map.of()));
    }

    @Test
    void dataAckErrorAndOack() throws Exception {
        // DATA: 03 | block 0x0102 | payload de ad
        TftpPacket.Data data = new TftpPacket.Data(0x0102, ByteBuffer.wrap(new byte[] {(byte) 0xde, (byte) 0xad}));
        assertThat(encode(data)).isEqualTo("00030102dead");
        assertThat(decode("00030102dead")).isEqualTo(data);
        // An empty DATA block ends a transfer whose size is a multiple of blksize (RFC 1350 section 6).
        assertThat(decode("0003ffff")).isEqualTo(new TftpPacket.Data(0xffff, ByteBuffer.allocate(0)));
        // ACK: 04 | block
        assertThat(encode(new TftpPacket.Ack(65535))).isEqualTo("0004ffff");
        assertThat(decode("00040000")).isEqualTo(new TftpPacket.Ack(0));
        // ERROR: 05 | code 1 | "file not found" 0
        TftpPacket.Error error = new TftpPacket.Error(TftpErrorCode.FILE_NOT_FOUND, "file not found");
        assertThat(encode(error)).isEqualTo("0005000166696c65206e6f7420666f756e6400");
        assertThat(decode("0005000166696c65206e6f7420666f756e6400")).isEqualTo(error);
        // OACK: 06 | "blksize" 0 "1428" 0 | "tsize" 0 "12345" 0
        TftpPacket.Oack oack = new TftpPacket.Oack(options("blksize", "1428", "tsize", "12345"));
        assertThat(encode(oack)).isEqualTo("0006626c6b73697a650031343238007473697a6500313233343500");
        assertThat(decode("0006626c6b73697a650031343238007473697a6500313233343500")).isEqualTo(oack);
    }

    @Test
    void refusesMalformedPackets() {
        assertRefused("00", TftpErrorCode.ILLEGAL_OPERATION, "shorter than an opcode");
        assertRefused("0009", TftpErrorCode.ILLEGAL_OPERATION, "unknown opcode 9");
        assertRefused("0000", TftpErrorCode.ILLEGAL_OPERATION, "unknown opcode 0");
        assertRefused("000400", TftpErrorCode.ILLEGAL_OPERATION, "ACK must be 4 bytes");
        assertRefused("0004000100", TftpErrorCode.ILLEGAL_OPERATION, "ACK must be 4 bytes");
        assertRefused("000300", TftpErrorCode.ILLEGAL_OPERATION, "DATA shorter");
        assertRefused("0001612e747874", TftpErrorCode.ILLEGAL_OPERATION, "filename is not terminated");
        assertRefused("0001612e74787400", TftpErrorCode.ILLEGAL_OPERATION, "mode is not terminated");
        assertRefused("0001006f6374657400", TftpErrorCode.ILLEGAL_OPERATION, "empty filename");
        assertRefused("0001610000", TftpErrorCode.ILLEGAL_OPERATION, "empty transfer mode");
        assertRefused("0001ff006f6374657400", TftpErrorCode.ILLEGAL_OPERATION, "not valid text");
        assertRefused("000500016e6f", TftpErrorCode.ILLEGAL_OPERATION, "not terminated");
        assertRefused("000500016e6f0000", TftpErrorCode.ILLEGAL_OPERATION, "bytes after");
        // Options: a name without a value, an empty name, the same name twice (RFC 2347 section 2).
        assertRefused("0001" + "6100" + "6f6374657400" + "7473697a6500",
                TftpErrorCode.OPTION_NEGOTIATION, "has no value");
        assertRefused("0001" + "6100" + "6f6374657400" + "00" + "3100", TftpErrorCode.OPTION_NEGOTIATION, "empty option name");
        assertRefused("0001" + "6100" + "6f6374657400" + "7473697a65003000" + "5453495a45003000",
                TftpErrorCode.OPTION_NEGOTIATION, "given twice");
    }

    @Test
    void refusesRequestsLongerThan512Bytes() {
        String name = "61".repeat(600);
        assertRefused("0001" + name + "00" + "6f6374657400", TftpErrorCode.ILLEGAL_OPERATION, "exceeds 512");
    }

    @Test
    void decodingLeavesTheBufferAlone() throws Exception {
        ByteBuf buf = Unpooled.wrappedBuffer(HexFormat.of().parseHex("00040007"));
        TftpCodec.decode(buf);
        assertThat(buf.readerIndex()).isZero();
    }

    private static void assertRefused(String hex, TftpErrorCode code, String message) {
        assertThatThrownBy(() -> decode(hex))
                .isInstanceOf(TftpDecodeException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((TftpDecodeException) e).reply()).isEqualTo(code));
    }
}
