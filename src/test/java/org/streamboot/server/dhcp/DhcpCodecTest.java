package org.streamboot.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.streamboot.server.model.MacAddress;

class DhcpCodecTest {

    @Test
    void decodesBiosPxeDiscover() throws Exception {
        DhcpPacket p = DhcpCodec.decode(HexFixtures.load("pxe-bios-discover.hex"));
        assertThat(p.op()).isEqualTo(DhcpPacket.BOOTREQUEST);
        assertThat(p.xid()).isEqualTo(0x6d2a8c31);
        assertThat(p.secs()).isEqualTo(4);
        assertThat(p.broadcastFlag()).isTrue();
        assertThat(p.mac()).contains(MacAddress.parse("52:54:00:12:34:56"));
        assertThat(p.messageType()).contains(DhcpMessageType.DISCOVER);
        assertThat(p.options().string(DhcpOption.VENDOR_CLASS)).contains("PXEClient:Arch:00000:UNDI:002001");
        assertThat(p.options().u16(DhcpOption.CLIENT_ARCH)).hasValue(0);
        assertThat(p.options().u16(DhcpOption.MAX_MESSAGE_SIZE)).hasValue(1472);
        assertThat(p.options().bytes(DhcpOption.CLIENT_GUID).orElseThrow()).hasSize(17);
        assertThat(p.options().codes()).containsExactly(53, 57, 93, 94, 97, 60, 55);
    }

    @Test
    void decodesIpxeDiscoverWithEncapsulatedOptions() throws Exception {
        DhcpPacket p = DhcpCodec.decode(HexFixtures.load("ipxe-discover.hex"));
        assertThat(p.broadcastFlag()).isFalse();
        assertThat(p.options().string(DhcpOption.USER_CLASS)).contains("iPXE");
        assertThat(HexFormat.of().formatHex(p.options().bytes(DhcpOption.IPXE_ENCAP).orElseThrow())).startsWith("b10101");
        assertThat(p.options().bytes(DhcpOption.CLIENT_ID).orElseThrow()).hasSize(7);
    }

    @Test
    void decodesUefiDiscover() throws Exception {
        DhcpPacket p = DhcpCodec.decode(HexFixtures.load("uefi-x64-discover.hex"));
        assertThat(p.options().u16(DhcpOption.CLIENT_ARCH)).hasValue(7);
        assertThat(p.options().string(DhcpOption.VENDOR_CLASS)).contains("PXEClient:Arch:00007:UNDI:003000");
    }

    @Test
    void decodesOvmfCaptures() throws Exception {
        DhcpPacket http = DhcpCodec.decode(HexFixtures.load("ovmf-http-discover.hex"));
        assertThat(http.messageType()).contains(DhcpMessageType.DISCOVER);
        assertThat(http.mac().orElseThrow().value()).isEqualTo("52:54:00:c0:ff:01");
        // RFC 4578 / IANA processor architecture 16: x64 UEFI HTTP boot.
        assertThat(http.options().u16(DhcpOption.CLIENT_ARCH)).hasValue(16);
        assertThat(http.options().string(DhcpOption.VENDOR_CLASS)).contains("HTTPClient:Arch:00016:UNDI:003000");
        assertThat(http.options().bytes(DhcpOption.CLIENT_GUID).orElseThrow()).hasSize(17);

        DhcpPacket pxe = DhcpCodec.decode(HexFixtures.load("ovmf-pxe-discover.hex"));
        assertThat(pxe.options().u16(DhcpOption.CLIENT_ARCH)).hasValue(7);
        assertThat(pxe.options().string(DhcpOption.VENDOR_CLASS)).contains("PXEClient:Arch:00007:UNDI:003000");
        assertThat(pxe.options().has(DhcpOption.CLIENT_NDI)).isTrue();
    }

    @Test
    void reencodingTheCapturesKeepsEveryField() throws Exception {
        for (String name : new String[] {"pxe-bios-discover.hex", "ipxe-discover.hex", "uefi-x64-discover.hex",
                "ovmf-pxe-discover.hex", "ovmf-http-discover.hex"}) {
            byte[] captured = HexFixtures.load(name);
            DhcpPacket p = DhcpCodec.decode(captured);
            byte[] again = DhcpCodec.encode(p);
            assertThat(DhcpCodec.decode(again)).as(name).isEqualTo(p);
            // Same bytes up to the END option; the capture's trailing padding may differ.
            int end = endOffset(captured);
            assertThat(Arrays.copyOf(again, end + 1)).as(name).isEqualTo(Arrays.copyOf(captured, end + 1));
        }
    }

    @Test
    void splitsLongOptionsAndJoinsThemAgain() throws Exception {
        byte[] big = new byte[600];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        DhcpPacket p = TestPackets.request(MacAddress.parse("02:00:00:00:00:01"), 7,
                TestPackets.type(DhcpMessageType.DISCOVER).put(DhcpOption.VENDOR_SPECIFIC, big).build());
        byte[] wire = DhcpCodec.encode(p);
        // RFC 3396: 600 bytes travel as 255 + 255 + 90.
        assertThat(wire[243]).isEqualTo((byte) 43);
        assertThat(wire[244] & 0xff).isEqualTo(255);
        assertThat(wire[243 + 257]).isEqualTo((byte) 43);
        assertThat(DhcpCodec.decode(wire)).isEqualTo(p);
    }

    @Test
    void readsOptionsFromOverloadedFileAndSnameInRfc3396Order() throws Exception {
        byte[] wire = base();
        // option 52 = 3: file and sname both carry options.
        byte[] main = {53, 1, 1, 52, 1, 3, 60, 3, 'P', 'X', 'E', (byte) 255};
        System.arraycopy(main, 0, wire, 240, main.length);
        byte[] inFile = {60, 3, 'C', 'l', 'i', 12, 2, 'p', 'c', (byte) 255};
        System.arraycopy(inFile, 0, wire, 108, inFile.length);
        byte[] inSname = {60, 3, 'e', 'n', 't', (byte) 255};
        System.arraycopy(inSname, 0, wire, 44, inSname.length);
        DhcpPacket p = DhcpCodec.decode(wire);
        assertThat(p.options().string(DhcpOption.VENDOR_CLASS)).contains("PXEClient");
        assertThat(p.options().string(DhcpOption.HOSTNAME)).contains("pc");
        assertThat(p.file()).isEmpty();
        assertThat(p.sname()).isEmpty();
        assertThat(p.options().has(DhcpOption.OVERLOAD)).isFalse();
    }

    @Test
    void refusesBrokenPackets() {
        assertReason(new byte[239], MalformedPacketException.Reason.TOO_SHORT);
        assertReason(new byte[DhcpCodec.MAX_PACKET + 1], MalformedPacketException.Reason.TOO_LONG);
        assertReason(new byte[300], MalformedPacketException.Reason.BAD_MAGIC_COOKIE);

        byte[] hlen = base();
        hlen[2] = 17;
        assertReason(hlen, MalformedPacketException.Reason.BAD_HARDWARE_ADDRESS);

        assertReason(withOptions(53, 1, 1, 60, 40, 'x'), MalformedPacketException.Reason.OPTION_PAST_END);
        assertReason(withOptions(53, 1, 1, 60), MalformedPacketException.Reason.OPTION_PAST_END);
        assertReason(withOptions(53, 2, 1, 1, 255), MalformedPacketException.Reason.BAD_OPTION_VALUE);
        assertReason(withOptions(52, 1, 9, 255), MalformedPacketException.Reason.BAD_OVERLOAD);
        assertReason(withOptions(52, 1, 1, 52, 1, 1, 255), MalformedPacketException.Reason.BAD_OVERLOAD);

        byte[] loop = withOptions(53, 1, 1, 52, 1, 1, 255);
        loop[108] = 52;
        loop[109] = 1;
        loop[110] = 1;
        loop[111] = (byte) 255;
        assertReason(loop, MalformedPacketException.Reason.BAD_OVERLOAD);
    }

    @Test
    void repliesArePaddedToTheBootpMinimum() {
        DhcpPacket p = TestPackets.request(MacAddress.parse("02:00:00:00:00:01"), 7,
                TestPackets.type(DhcpMessageType.DISCOVER).build());
        assertThat(DhcpCodec.encode(p)).hasSize(300);
    }

    static byte[] base() {
        byte[] b = new byte[300];
        b[0] = 1;
        b[1] = 1;
        b[2] = 6;
        b[28] = 2;
        b[33] = 1;
        b[236] = 0x63;
        b[237] = (byte) 0x82;
        b[238] = 0x53;
        b[239] = 0x63;
        return b;
    }

    static byte[] withOptions(int... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(base(), 0, 240);
        for (int o : options) {
            out.write(o);
        }
        return out.toByteArray();
    }

    private static void assertReason(byte[] wire, MalformedPacketException.Reason reason) {
        assertThatThrownBy(() -> DhcpCodec.decode(wire)).isInstanceOf(MalformedPacketException.class)
                .extracting(e -> ((MalformedPacketException) e).reason()).isEqualTo(reason);
    }

    private static int endOffset(byte[] wire) {
        int i = 240;
        while (wire[i] != (byte) 255) {
            i += wire[i] == 0 ? 1 : 2 + (wire[i + 1] & 0xff);
        }
        return i;
    }
}
