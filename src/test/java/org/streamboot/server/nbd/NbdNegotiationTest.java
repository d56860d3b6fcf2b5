package org.streamboot.server.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of the fixed newstyle handshake and option haggling (proto.md, "Newstyle
 * negotiation", "Option types", "Option reply types"), through decoder and handler.
 */
class NbdNegotiationTest {

    private static final String REPLY = "0003e889045565a9";
    private static final String OPT = "49484156454f5054";

    /** Hex as written in these tests, without the spaces and bars that group fields. */
    private static String x(String spaced) {
        return spaced.replaceAll("[\\s|]", "");
    }

    @Test
    void greetingIsNbdmagicIhaveoptAndFixedNewstyleWithNoZeroes() {
        NbdChannelHarness h = new NbdChannelHarness();
        // "NBDMAGIC" "IHAVEOPT", handshake flags NBD_FLAG_FIXED_NEWSTYLE | NBD_FLAG_NO_ZEROES.
        assertThat(h.outputHex()).isEqualTo("4e42444d41474943" + "49484156454f5054" + "0003");
    }

    @Test
    void goAnswersInfoExportRequestedInfosThenAckAndEntersTransmission() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.output();
        h.send("00000003");
        // NBD_OPT_GO: name length 2, "ro", 3 info requests: NAME, DESCRIPTION, BLOCK_SIZE.
        String out = h.exchange(OPT + "00000007 0000000e | 00000002 726f | 0003 0001 0002 0003");
        assertThat(out).isEqualTo(x(
                // NBD_REP_INFO / NBD_INFO_EXPORT: size 4096, flags HAS_FLAGS|READ_ONLY|SEND_FLUSH|CAN_MULTI_CONN
                REPLY + "00000007 00000003 0000000c 0000 0000000000001000 0107"
                        // NBD_INFO_NAME "ro"
                        + REPLY + "00000007 00000003 00000004 0001 726f"
                        // NBD_INFO_DESCRIPTION "about ro"
                        + REPLY + "00000007 00000003 0000000a 0002 61626f757420726f"
                        // NBD_INFO_BLOCK_SIZE: minimum 1, preferred 4096, maximum 32 MiB
                        + REPLY + "00000007 00000003 0000000e 0003 00000001 00001000 02000000"
                        // NBD_REP_ACK
                        + REPLY + "00000007 00000001 00000000"));
        assertThat(h.decoder.phase()).isEqualTo(NbdFrameDecoder.Phase.REQUEST_HEADER);
        assertThat(h.exchange(NbdChannelHarness.request(0, 0, 7, 16, 4)))
                .isEqualTo(x("67446698 00000000 0000000000000007 10111213"));
    }

    @Test
    void writableExportAdvertisesFuaTrimAndZeroesButNotMultiConn() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.output();
        h.send("00000003");
        String out = h.exchange(OPT + "00000007 00000008 | 00000002 7277 | 0000");
        // HAS_FLAGS|SEND_FLUSH|SEND_FUA|SEND_TRIM|SEND_WRITE_ZEROES = 0x006d, size 64 KiB
        assertThat(out).startsWith(REPLY + "00000007000000030000000c00000000000000010000006d");
    }

    @Test
    void exportNameWithoutNoZeroesRepliesSizeFlagsAnd124Zeros() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.output();
        h.send("00000001"); // NBD_FLAG_C_FIXED_NEWSTYLE only
        String out = h.exchange(OPT + "00000001 00000002 726f");
        assertThat(out).isEqualTo("0000000000001000" + "0107" + "00".repeat(124));
        assertThat(h.decoder.phase()).isEqualTo(NbdFrameDecoder.Phase.REQUEST_HEADER);
    }

    @Test
    void exportNameOfAnUnknownExportDropsTheConnection() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.output();
        h.send("00000003");
        assertThat(h.exchange(OPT + "00000001 00000003 6e6f70")).isEmpty();
        assertThat(h.channel.isOpen()).isFalse();
    }

    @Test
    void listSendsOneServerReplyPerExportThenAck() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.output();
        h.send("00000003");
        assertThat(h.exchange(OPT + "00000003 00000000")).isEqualTo(x(
                REPLY + "00000003 00000002 00000006 00000002 726f"
                        + REPLY + "00000003 00000002 00000006 00000002 7277"
                        + REPLY + "00000003 00000001 00000000"));
    }

    @Test
    void refusalsUseTheDocumentsErrorRepliesAndKeepNegotiating() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.output();
        h.send("00000003");
        // An option number nobody defined: NBD_REP_ERR_UNSUP (2^31 + 1).
        assertThat(h.exchange(OPT + "0000abcd 00000000")).startsWith(x(REPLY + "0000abcd 80000001"));
        // NBD_OPT_LIST with data: NBD_REP_ERR_INVALID.
        assertThat(h.exchange(OPT + "00000003 00000001 00")).startsWith(REPLY + "0000000380000003");
        // NBD_OPT_GO whose name length runs past the option: NBD_REP_ERR_INVALID.
        assertThat(h.exchange(OPT + "00000007 00000008 000000ff 7277 0000")).startsWith(REPLY + "0000000780000003");
        // NBD_OPT_GO with a wrong info request count: NBD_REP_ERR_INVALID.
        assertThat(h.exchange(OPT + "00000007 00000008 00000002 7277 0002")).startsWith(REPLY + "0000000780000003");
        // NBD_OPT_GO for an export that does not exist: NBD_REP_ERR_UNKNOWN, with the reason.
        String unknown = h.exchange(OPT + "00000007 00000009 00000003 6e6f70 0000");
        assertThat(unknown).startsWith(REPLY + "0000000780000006");
        assertThat(new String(NbdChannelHarness.hex(unknown.substring(40)))).isEqualTo("no export nop");
        // An export the client may not use: NBD_REP_ERR_POLICY.
        assertThat(h.exchange(OPT + "00000007 0000000c 00000006 736563726574 0000")).startsWith(REPLY + "0000000780000002");
        // NBD_OPT_STARTTLS: no TLS here, NBD_REP_ERR_UNSUP.
        assertThat(h.exchange(OPT + "00000005 00000000")).startsWith(REPLY + "0000000580000001");
        assertThat(h.counters.snapshot().refusedOptions()).isEqualTo(7);
        // Still negotiating: a good GO works.
        assertThat(h.exchange(OPT + "00000007 00000008 00000002 726f 0000")).endsWith(REPLY + "000000070000000100000000");
    }

    @Test
    void oversizedOptionIsSkippedUnreadAndAnsweredTooBig() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.output();
        h.send("00000003");
        int length = 1 << 20;
        h.send(OPT + String.format("00000007 %08x", length));
        ByteBuf junk = Unpooled.wrappedBuffer(new byte[length]);
        h.send(junk);
        assertThat(junk.refCnt()).isZero();
        // NBD_REP_ERR_TOO_BIG = 2^31 + 9
        assertThat(h.exchange("")).startsWith(REPLY + "0000000780000009");
        assertThat(h.exchange(OPT + "00000003 00000000")).endsWith(REPLY + "000000030000000100000000");
    }

    @Test
    void infoDescribesWithoutEnteringTransmissionAndClosesItsDevice() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.output();
        h.send("00000003");
        String out = h.exchange(OPT + "00000006 00000008 00000002 7277 0000");
        assertThat(out).startsWith(REPLY + "00000006000000030000000c0000").endsWith(REPLY + "000000060000000100000000");
        assertThat(h.decoder.phase()).isEqualTo(NbdFrameDecoder.Phase.OPTION_HEADER);
        assertThat(h.handedOut).hasSize(1);
        assertThat(h.handedOut.getFirst().closed()).isTrue();
    }

    @Test
    void abortIsAcknowledgedThenClosed() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.output();
        h.send("00000003");
        assertThat(h.exchange(OPT + "00000002 00000000")).isEqualTo(REPLY + "000000020000000100000000");
        assertThat(h.channel.isOpen()).isFalse();
    }

    @Test
    void unknownClientFlagsOrPlainNewstyleCloseTheConnection() {
        NbdChannelHarness unknownBits = new NbdChannelHarness();
        unknownBits.send("00000007");
        assertThat(unknownBits.channel.isOpen()).isFalse();
        NbdChannelHarness notFixed = new NbdChannelHarness();
        notFixed.send("00000000");
        assertThat(notFixed.channel.isOpen()).isFalse();
    }

    @Test
    void optionWithoutMagicIsAViolationAndCloses() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.send("00000003");
        h.send("0000000000000000 00000007 00000000");
        assertThat(h.channel.isOpen()).isFalse();
        assertThat(h.counters.snapshot().violations()).isEqualTo(1);
    }
}
