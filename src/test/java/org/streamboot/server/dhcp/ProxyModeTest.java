package org.streamboot.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.dhcp.TestPackets.ip;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.streamboot.server.boot.FirmwareBootPolicy;
import org.streamboot.server.model.MacAddress;

class ProxyModeTest {

    static final InetSocketAddress BROADCAST_68 = new InetSocketAddress(ip("255.255.255.255"), 68);
    private final RecordingListener listener = new RecordingListener();
    private final DhcpCounters counters = new DhcpCounters();
    private final DhcpEngine engine = new DhcpEngine(DhcpSettings.proxy(8080),
            new FirmwareBootPolicy(8080, FirmwareBootPolicy.UefiBinary.IPXE_EFI), new InMemoryLeaseStore(), listener,
            new ServerAddressSelector(Optional.of(ip("10.213.0.1")), List::of), 67, new MutableClock(), counters);

    @Test
    void biosDiscoverGetsAProxyOfferMatchingTheGoldenBytes() throws Exception {
        DhcpPacket discover = DhcpCodec.decode(HexFixtures.load("pxe-bios-discover.hex"));
        Outgoing out = engine.handle(discover, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, false).orElseThrow();
        DhcpPacket offer = out.packet();
        assertThat(out.destination()).isEqualTo(BROADCAST_68);
        assertThat(offer.op()).isEqualTo(DhcpPacket.BOOTREPLY);
        assertThat(offer.xid()).isEqualTo(discover.xid());
        assertThat(offer.yiaddr()).isEqualTo(DhcpPacket.ZERO);
        assertThat(offer.siaddr()).isEqualTo(ip("10.213.0.1"));
        assertThat(offer.file()).isEqualTo("undionly.kpxe");
        assertThat(offer.flags()).isEqualTo(DhcpPacket.FLAG_BROADCAST);
        assertThat(offer.messageType()).contains(DhcpMessageType.OFFER);
        assertThat(offer.options().ip(DhcpOption.SERVER_ID)).contains(ip("10.213.0.1"));
        assertThat(offer.options().string(DhcpOption.VENDOR_CLASS)).contains("PXEClient");
        assertThat(HexFormat.of().formatHex(offer.options().bytes(DhcpOption.VENDOR_SPECIFIC).orElseThrow())).isEqualTo("060108ff");
        assertThat(offer.options().bytes(DhcpOption.CLIENT_GUID).orElseThrow()).isEqualTo(discover.options().bytes(DhcpOption.CLIENT_GUID).orElseThrow());
        assertThat(offer.options().has(DhcpOption.IPXE_ENCAP)).isFalse();
        assertThat(offer.options().has(DhcpOption.LEASE_TIME)).isFalse();
        assertGolden("proxy-offer-bios.hex", "proxy OFFER to the BIOS PXE DISCOVER", DhcpCodec.encode(offer));
        assertThat(listener.events).containsExactly("seen 52:54:00:12:34:56 BIOS", "offer 52:54:00:12:34:56 0.0.0.0");
    }

    @Test
    void ipxeDiscoverGetsItsScriptUrlAndNoNoPxeDhcp() throws Exception {
        DhcpPacket discover = DhcpCodec.decode(HexFixtures.load("ipxe-discover.hex"));
        DhcpPacket offer = engine.handle(discover, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, false)
                .orElseThrow().packet();
        assertThat(offer.file()).isEqualTo("http://10.213.0.1:8080/boot/52:54:00:ab:cd:ef.ipxe");
        // 3.1 "never send no-pxedhcp in proxy mode": iPXE must wait for exactly this offer.
        assertThat(offer.options().has(DhcpOption.IPXE_ENCAP)).isFalse();
        assertThat(offer.yiaddr()).isEqualTo(DhcpPacket.ZERO);
    }

    @Test
    void uefiDiscoverGetsTheEfiBinary() throws Exception {
        DhcpPacket discover = DhcpCodec.decode(HexFixtures.load("uefi-x64-discover.hex"));
        DhcpPacket offer = engine.handle(discover, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, false)
                .orElseThrow().packet();
        assertThat(offer.file()).isEqualTo("ipxe.efi");
    }

    @Test
    void httpBootOfferEchoesHttpClientAndCarriesNoPxeOptions() {
        MacAddress mac = MacAddress.parse("52:54:00:00:00:16");
        DhcpPacket discover = TestPackets.request(mac, 16, TestPackets.type(DhcpMessageType.DISCOVER)
                .put(DhcpOption.CLIENT_ARCH, new byte[] {0, 16}).put(DhcpOption.VENDOR_CLASS, "HTTPClient:Arch:00016:UNDI:003001").build());
        DhcpPacket offer = engine.handle(discover, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, false)
                .orElseThrow().packet();
        assertThat(offer.options().string(DhcpOption.VENDOR_CLASS)).contains("HTTPClient");
        assertThat(offer.options().has(DhcpOption.VENDOR_SPECIFIC)).isFalse();
        assertThat(offer.file()).isEqualTo("http://10.213.0.1:8080/ipxe.efi");
    }

    @Test
    void capturedOvmfDiscoversGetTheirBootFilesAndGoldenOffers() throws Exception {
        DhcpPacket pxe = DhcpCodec.decode(HexFixtures.load("ovmf-pxe-discover.hex"));
        DhcpPacket pxeOffer = engine.handle(pxe, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, false)
                .orElseThrow().packet();
        assertThat(pxeOffer.file()).isEqualTo("ipxe.efi");
        assertThat(pxeOffer.options().bytes(DhcpOption.CLIENT_GUID).orElseThrow()).as("option 97 echoed (PXE spec 2.1)")
                .isEqualTo(pxe.options().bytes(DhcpOption.CLIENT_GUID).orElseThrow());
        assertGolden("ovmf-pxe-offer.hex", "proxy OFFER to OVMF's captured UEFI PXE DISCOVER", DhcpCodec.encode(pxeOffer));

        DhcpPacket http = DhcpCodec.decode(HexFixtures.load("ovmf-http-discover.hex"));
        DhcpPacket httpOffer = engine.handle(http, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, false)
                .orElseThrow().packet();
        assertThat(httpOffer.file()).isEqualTo("http://10.213.0.1:8080/ipxe.efi");
        assertThat(httpOffer.options().string(DhcpOption.VENDOR_CLASS)).contains("HTTPClient");
        assertThat(httpOffer.options().has(DhcpOption.VENDOR_SPECIFIC)).isFalse();
        assertGolden("ovmf-http-offer.hex", "proxy OFFER to OVMF's captured UEFI HTTP boot DISCOVER", DhcpCodec.encode(httpOffer));
    }

    @Test
    void bootServerRequestOnPort4011IsAckedUnicastToTheSender() {
        MacAddress mac = MacAddress.parse("52:54:00:12:34:56");
        DhcpPacket request = TestPackets.request(mac, 99, ip("10.213.0.57"), DhcpPacket.ZERO,
                TestPackets.ipxe(DhcpMessageType.REQUEST).build());
        InetSocketAddress sender = new InetSocketAddress(ip("10.213.0.57"), 68);
        Outgoing out = engine.handle(request, sender, DhcpPacket.ZERO, true).orElseThrow();
        assertThat(out.destination()).isEqualTo(sender);
        assertThat(out.packet().messageType()).contains(DhcpMessageType.ACK);
        assertThat(out.packet().ciaddr()).isEqualTo(ip("10.213.0.57"));
        assertThat(out.packet().yiaddr()).isEqualTo(DhcpPacket.ZERO);
        assertThat(out.packet().file()).isEqualTo("http://10.213.0.1:8080/boot/52:54:00:12:34:56.ipxe");
    }

    @Test
    void broadcastBootServerDiscoveryEchoesTheBootItem() {
        MacAddress mac = MacAddress.parse("52:54:00:12:34:56");
        byte[] option43 = {71, 4, (byte) 0x80, 0x00, 0x00, 0x00, (byte) 255};
        DhcpPacket request = TestPackets.request(mac, 5, TestPackets.biosPxe(DhcpMessageType.REQUEST)
                .put(DhcpOption.VENDOR_SPECIFIC, option43).build());
        Outgoing out = engine.handle(request, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, false).orElseThrow();
        assertThat(out.destination()).isEqualTo(BROADCAST_68);
        assertThat(HexFormat.of().formatHex(out.packet().options().bytes(DhcpOption.VENDOR_SPECIFIC).orElseThrow()))
                .isEqualTo("470480000000ff");
    }

    @Test
    void requestForTheRealDhcpServerIsLeftAloneAndThatServerIsReported() {
        MacAddress mac = MacAddress.parse("52:54:00:12:34:56");
        DhcpPacket request = TestPackets.request(mac, 7, TestPackets.biosPxe(DhcpMessageType.REQUEST)
                .ip(DhcpOption.SERVER_ID, ip("10.213.0.254")).ip(DhcpOption.REQUESTED_IP, ip("10.213.0.77")).build());
        assertThat(engine.handle(request, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, false)).isEmpty();
        assertThat(engine.handle(request, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, false)).isEmpty();
        assertThat(listener.events).containsOnlyOnce("foreign 10.213.0.254");
    }

    @Test
    void requestThatPickedThisServerOn67IsAcked() {
        MacAddress mac = MacAddress.parse("52:54:00:12:34:56");
        DhcpPacket request = TestPackets.request(mac, 8, TestPackets.biosPxe(DhcpMessageType.REQUEST)
                .ip(DhcpOption.SERVER_ID, ip("10.213.0.1")).build());
        Outgoing out = engine.handle(request, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, false).orElseThrow();
        assertThat(out.packet().messageType()).contains(DhcpMessageType.ACK);
        assertThat(out.packet().file()).isEqualTo("undionly.kpxe");
    }

    @Test
    void nonPxeClientsAndRepliesAreIgnored() {
        MacAddress mac = MacAddress.parse("52:54:00:12:34:57");
        DhcpPacket plain = TestPackets.request(mac, 9, TestPackets.type(DhcpMessageType.DISCOVER)
                .put(DhcpOption.VENDOR_CLASS, "MSFT 5.0").build());
        assertThat(engine.handle(plain, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, false)).isEmpty();
        DhcpPacket discoverOn4011 = TestPackets.request(mac, 9, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build());
        assertThat(engine.handle(discoverOn4011, new InetSocketAddress("0.0.0.0", 68), DhcpPacket.ZERO, true)).isEmpty();
        assertThat(counters.ignoredCount()).isEqualTo(2);
    }

    static void assertGolden(String name, String comment, byte[] actual) throws Exception {
        Path file = Path.of("src/test/resources/dhcp", name);
        // -Dgolden.regenerate=true rewrites the file after an intended change; review its diff.
        if (Boolean.getBoolean("golden.regenerate")) {
            Files.writeString(file, HexFixtures.dump(comment, actual), StandardCharsets.US_ASCII);
        }
        byte[] expected = HexFixtures.parse(Files.readString(file, StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(actual)).isEqualTo(HexFormat.of().formatHex(expected));
    }
}
