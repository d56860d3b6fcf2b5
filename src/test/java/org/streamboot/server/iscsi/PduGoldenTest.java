package org.streamboot.server.iscsi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.streamboot.server.iscsi.Pdu.DataIn;
import org.streamboot.server.iscsi.Pdu.LoginRequest;
import org.streamboot.server.iscsi.Pdu.LoginResponse;
import org.streamboot.server.iscsi.Pdu.NopOut;
import org.streamboot.server.iscsi.Pdu.ReadyToTransfer;
import org.streamboot.server.iscsi.Pdu.ScsiCommand;
import org.streamboot.server.iscsi.Pdu.ScsiResponse;

/** Basic Header Segments written out by hand from the layouts of RFC 7143 section 11. */
class PduGoldenTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void scsiCommandRead10() {
        // 11.3: I=1 opcode 0x01 | F=1 R=1 ATTR=1 (simple) | DSL 0 | LUN 0 | ITT 0x11 | EDTL 4096 | CmdSN 7 |
        // ExpStatSN 3 | CDB READ(10) LBA 0x20, 8 blocks
        String bhs = "41c10000 00000000 0000000000000000 00000011 00001000 00000007 00000003"
                + " 28000000002000000800000000000000";
        ScsiCommand c = (ScsiCommand) PduCodec.decode(hex(bhs), Pdu.EMPTY);
        assertThat(c.immediate()).isTrue();
        assertThat(c.fin() && c.read() && !c.write()).isTrue();
        assertThat(c.attributes()).isEqualTo(1);
        assertThat(c.itt()).isEqualTo(0x11);
        assertThat(c.expectedLength()).isEqualTo(4096);
        assertThat(c.cmdSn()).isEqualTo(7);
        assertThat(c.cdb()[0]).isEqualTo((byte) 0x28);
        assertThat(hex(PduCodec.encodeHeader(c))).isEqualTo(bhs.replace(" ", ""));
    }

    @Test
    void loginRequestCarriesStagesIsidAndCid() {
        // 11.12: 0x43 | T=1 C=0 CSG=1 NSG=3 -> 0x87 | ver 0/0 | DSL 0x12 | ISID 400001370000 TSIH 0 | ITT 1 |
        // CID 0 | CmdSN 0x0a | ExpStatSN 0
        String bhs = "43870000 00000012 400001370000 0000 00000001 0000 0000 0000000a 00000000"
                + " 00000000000000000000000000000000";
        byte[] data = new byte[0x12];
        LoginRequest l = (LoginRequest) PduCodec.decode(hex(bhs), data);
        assertThat(l.transit()).isTrue();
        assertThat(l.cont()).isFalse();
        assertThat(l.csg()).isEqualTo(1);
        assertThat(l.nsg()).isEqualTo(3);
        assertThat(l.isid()).isEqualTo(0x400001370000L);
        assertThat(l.tsih()).isZero();
        assertThat(l.cmdSn()).isEqualTo(10);
        assertThat(hex(PduCodec.encodeHeader(l))).isEqualTo(bhs.replace(" ", ""));
    }

    @Test
    void loginResponseFailureStatus() {
        LoginResponse r = new LoginResponse(false, false, 0, 0, 0, 0, 0x400001370000L, 0, 1, 5, 10, 41, 2, 3, Pdu.EMPTY);
        // 11.13: Status-Class 0x02 / Status-Detail 0x03 at bytes 36-37 ("Not found").
        assertThat(hex(PduCodec.encodeHeader(r))).isEqualTo(("23000000 00000000 400001370000 0000 00000001 00000000"
                + " 00000005 0000000a 00000029 0203 0000 0000000000000000").replace(" ", ""));
    }

    @Test
    void dataInWithStatusAndUnderflow() {
        DataIn d = new DataIn(true, true, false, true, 0, 0, 0x22, Pdu.NO_TAG, 9, 12, 43, 1, 8192, 512, java.nio.ByteBuffer.wrap(new byte[100]));
        // 11.7: F=1 U=1 S=1 -> 0x83 | status 0 | DSL 100 | TTT ffffffff | StatSN 9 | DataSN 1 | offset 8192 | residual 512
        String expected = "25830000 00000064 0000000000000000 00000022 ffffffff 00000009 0000000c 0000002b"
                + " 00000001 00002000 00000200";
        assertThat(hex(PduCodec.encodeHeader(d))).isEqualTo(expected.replace(" ", ""));
        DataIn back = (DataIn) PduCodec.decode(PduCodec.encodeHeader(d), d.data());
        assertThat(back.underflow() && back.statusPresent() && back.fin() && !back.overflow()).isTrue();
        assertThat(back.residual()).isEqualTo(512);
    }

    @Test
    void r2tAndScsiResponse() {
        ReadyToTransfer r2t = new ReadyToTransfer(0, 0x33, 0x77, 4, 5, 36, 2, 65536, 262144);
        assertThat(hex(PduCodec.encodeHeader(r2t))).isEqualTo(("31800000 00000000 0000000000000000 00000033 00000077"
                + " 00000004 00000005 00000024 00000002 00010000 00040000").replace(" ", ""));
        ScsiResponse s = new ScsiResponse(true, false, 0, 2, 0x33, 4, 5, 36, 3, 512, new byte[20]);
        // 11.4: F=1 O=1 -> 0x84 | response 0 | status 0x02 CHECK CONDITION | DSL 20 | ExpDataSN 3 | residual 512
        assertThat(hex(PduCodec.encodeHeader(s))).isEqualTo(("21840002 00000014 0000000000000000 00000033 00000000"
                + " 00000004 00000005 00000024 00000003 00000000 00000200").replace(" ", ""));
    }

    @Test
    void nopOutRoundTripAndUnknownOpcode() {
        NopOut n = new NopOut(true, 0, 5, Pdu.NO_TAG, 3, 2, Pdu.EMPTY);
        assertThat(hex(PduCodec.encodeHeader(n)).substring(0, 8)).isEqualTo("40800000");
        assertThat(PduCodec.decode(PduCodec.encodeHeader(n), Pdu.EMPTY)).isEqualTo(n);
        byte[] snack = new byte[48];
        snack[0] = 0x10;
        assertThat(PduCodec.decode(snack, Pdu.EMPTY)).isInstanceOf(Pdu.Unsupported.class);
    }

    @Test
    void crc32cMatchesTheRfcExample() {
        // RFC 3720 B.4: 32 bytes of zeros give the CRC bytes aa 36 91 8a on the wire (LSB first).
        int crc = Digests.crc32c(new byte[32]);
        assertThat(crc).isEqualTo(0x8a9136aa);
        // 32 bytes of 0xff give 43 ab a8 62.
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertThat(Digests.crc32c(ones)).isEqualTo(0x62a8ab43);
    }
}
