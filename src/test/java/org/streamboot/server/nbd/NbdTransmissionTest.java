package org.streamboot.server.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.nbd.NbdChannelHarness.request;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Transmission phase through decoder and handler (proto.md "Transmission", "Simple reply
 * message", "Structured reply chunk message", "Error values"). Golden replies in hex.
 */
class NbdTransmissionTest {

    private static final int READ = 0;
    private static final int WRITE = 1;
    private static final int DISC = 2;
    private static final int FLUSH = 3;
    private static final int TRIM = 4;
    private static final int WRITE_ZEROES = 6;
    private static final int FUA = 1;

    private static String x(String spaced) {
        return spaced.replaceAll("[\\s|]", "");
    }

    @Test
    void simpleReadEchoesTheCookieThenTheData() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("ro", false);
        assertThat(h.exchange(request(0, READ, 0x0102030405060708L, 0xfc, 8)))
                .isEqualTo(x("67446698 00000000 0102030405060708 | fcfdfeff00010203"));
    }

    @Test
    void structuredReadIsOneOffsetDataChunkWithDone() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("ro", true);
        // magic, flags NBD_REPLY_FLAG_DONE, type NBD_REPLY_TYPE_OFFSET_DATA, cookie, length 8+4, offset, data
        assertThat(h.exchange(request(0, READ, 9, 0x10, 4)))
                .isEqualTo(x("668e33ef 0001 0001 0000000000000009 0000000c 0000000000000010 10111213"));
    }

    @Test
    void structuredErrorIsAnErrorChunkWithErrnoAndMessage() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("ro", true);
        h.send(request(0, WRITE, 5, 0, 4) + "aabbccdd");
        String out = h.exchange("");
        // NBD_REPLY_TYPE_ERROR (2^15 + 1) with DONE, then EPERM (1) and a message length.
        assertThat(out).startsWith(x("668e33ef 0001 8001 0000000000000005"));
        byte[] bytes = HexFormat.of().parseHex(out);
        ByteBuffer chunk = ByteBuffer.wrap(bytes, 16, bytes.length - 16);
        int length = chunk.getInt();
        assertThat(chunk.getInt()).isEqualTo(1);
        assertThat(chunk.getShort()).isEqualTo((short) (length - 6));
        assertThat(chunk.remaining()).isEqualTo(length - 6);
    }

    @Test
    void writeThenReadBackWithFuaFlushingBeforeTheReply() throws Exception {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("rw", false);
        ByteBuf write = Unpooled.wrappedBuffer(NbdChannelHarness.hex(request(FUA, WRITE, 1, 4094, 4) + "deadbeef"));
        h.send(write);
        h.runAll();
        assertThat(write.refCnt()).as("write payload released").isZero();
        assertThat(h.outputHex()).isEqualTo(x("67446698 00000000 0000000000000001"));
        assertThat(h.handedOut.getFirst().flushes()).isEqualTo(1);
        assertThat(h.exchange(request(0, READ, 2, 4092, 8)))
                .isEqualTo(x("67446698 00000000 0000000000000002 0000deadbeef0000"));
        assertThat(h.exchange(request(0, FLUSH, 3, 0, 0))).isEqualTo(x("67446698 00000000 0000000000000003"));
        assertThat(h.handedOut.getFirst().flushes()).isEqualTo(2);
    }

    @Test
    void trimAndWriteZeroesLeaveZeros() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("rw", false);
        h.exchange(request(0, WRITE, 1, 0, 8) + "0102030405060708");
        assertThat(h.exchange(request(0, TRIM, 2, 0, 2))).isEqualTo(x("67446698 00000000 0000000000000002"));
        // NBD_CMD_FLAG_NO_HOLE (2): real zeros must be written.
        assertThat(h.exchange(request(2, WRITE_ZEROES, 3, 4, 2))).isEqualTo(x("67446698 00000000 0000000000000003"));
        assertThat(h.exchange(request(0, READ, 4, 0, 8))).isEqualTo(x("67446698 00000000 0000000000000004 0000030400000708"));
    }

    @Test
    void errorsUseTheDocumentsErrnoValues() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("ro", false);
        // Write to a read-only export: EPERM (1).
        assertThat(h.exchange(request(0, WRITE, 1, 0, 2) + "0000")).isEqualTo(x("67446698 00000001 0000000000000001"));
        assertThat(h.exchange(request(0, TRIM, 2, 0, 2))).isEqualTo(x("67446698 00000001 0000000000000002"));
        // Beyond the end, across the end, an offset with bit 63 set, length 0, over 32 MiB: EINVAL (22).
        assertThat(h.exchange(request(0, READ, 3, 4096, 1))).isEqualTo(x("67446698 00000016 0000000000000003"));
        assertThat(h.exchange(request(0, READ, 4, 4000, 97))).isEqualTo(x("67446698 00000016 0000000000000004"));
        assertThat(h.exchange(request(0, READ, 5, 0x8000000000000000L, 1))).isEqualTo(x("67446698 00000016 0000000000000005"));
        assertThat(h.exchange(request(0, READ, 6, 0, 0))).isEqualTo(x("67446698 00000016 0000000000000006"));
        assertThat(h.exchange(request(0, READ, 7, 0, (32 << 20) + 1))).isEqualTo(x("67446698 00000016 0000000000000007"));
        // Unknown command type and unknown flags: EINVAL.
        assertThat(h.exchange(request(0, 99, 8, 0, 1))).isEqualTo(x("67446698 00000016 0000000000000008"));
        assertThat(h.exchange(request(0x80, READ, 9, 0, 1))).isEqualTo(x("67446698 00000016 0000000000000009"));
        assertThat(h.counters.snapshot().failedRequests()).isEqualTo(9);
        assertThat(h.channel.isOpen()).isTrue();
    }

    @Test
    void oversizedWritePayloadIsSkippedNotBufferedAndTheStreamStaysInStep() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("rw", false);
        long length = (32L << 20) + 1;
        h.send(request(0, WRITE, 1, 0, length));
        long sent = 0;
        while (sent < length) {
            int n = (int) Math.min(1 << 20, length - sent);
            ByteBuf part = Unpooled.wrappedBuffer(new byte[n]);
            h.send(part);
            assertThat(part.refCnt()).as("skipped, not kept").isZero();
            sent += n;
        }
        assertThat(h.exchange("")).isEqualTo(x("67446698 00000016 0000000000000001"));
        assertThat(h.exchange(request(0, READ, 2, 0, 2))).isEqualTo(x("67446698 00000000 0000000000000002 0000"));
    }

    @Test
    void repliesGoOutInCompletionOrderEachWithItsOwnCookie() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("ro", false);
        h.send(request(0, READ, 0xa, 0, 1) + request(0, READ, 0xb, 1, 1) + request(0, READ, 0xc, 2, 1));
        assertThat(h.tasks).hasSize(3);
        h.runNewestFirst();
        assertThat(h.outputHex()).isEqualTo(x("67446698 00000000 000000000000000c 02"
                + "67446698 00000000 000000000000000b 01"
                + "67446698 00000000 000000000000000a 00"));
    }

    @Test
    void discWaitsForRequestsInFlightThenClosesAndTheDeviceIsClosed() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("rw", false);
        h.send(request(0, READ, 1, 0, 4) + request(0, DISC, 2, 0, 0));
        assertThat(h.channel.isOpen()).as("read still in flight").isTrue();
        h.runAll();
        assertThat(h.outputHex()).isEqualTo(x("67446698 00000000 0000000000000001 00000000"));
        assertThat(h.channel.isOpen()).isFalse();
        h.runAll();
        assertThat(h.handedOut.getFirst().closed()).isTrue();
    }

    @Test
    void droppedConnectionClosesTheDeviceOnlyAfterItsLastRequest() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("rw", false);
        ByteBuf write = Unpooled.wrappedBuffer(NbdChannelHarness.hex(request(0, WRITE, 1, 0, 4) + "01020304"));
        h.send(write);
        h.channel.close();
        h.channel.runPendingTasks();
        assertThat(h.handedOut.getFirst().closed()).as("write still running").isFalse();
        h.runAll();
        assertThat(write.refCnt()).isZero();
        assertThat(h.handedOut.getFirst().closed()).isTrue();
    }

    @Test
    void badRequestMagicEndsTheConnection() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("ro", false);
        h.send("12345678" + "00".repeat(24));
        assertThat(h.channel.isOpen()).isFalse();
        assertThat(h.counters.snapshot().violations()).isEqualTo(1);
        h.runAll();
        assertThat(h.handedOut.getFirst().closed()).isTrue();
    }

    @Test
    void tooManyRequestsInFlightStopReadingUntilTheyFinish() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("ro", false);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < NbdHandler.MAX_IN_FLIGHT; i++) {
            many.append(request(0, READ, i, 0, 1));
        }
        h.send(many.toString());
        assertThat(h.channel.config().isAutoRead()).isFalse();
        h.runAll();
        assertThat(h.channel.config().isAutoRead()).isTrue();
        assertThat(h.output()).hasSize(NbdHandler.MAX_IN_FLIGHT * 17);
    }
}
