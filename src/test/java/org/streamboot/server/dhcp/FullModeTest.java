package org.streamboot.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.dhcp.TestPackets.ip;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.streamboot.server.boot.FirmwareBootPolicy;
import org.streamboot.server.model.MacAddress;

class FullModeTest {

    private static final InetSocketAddress FROM_NOWHERE = new InetSocketAddress("0.0.0.0", 68);
    private static final Inet4Address SERVER = ip("10.213.0.1");
    private final MutableClock clock = new MutableClock();
    private final InMemoryLeaseStore leases = new InMemoryLeaseStore();
    private final RecordingListener listener = new RecordingListener();
    private final DhcpEngine engine = new DhcpEngine(
            DhcpSettings.full(new AddressRange(ip("10.213.0.100"), ip("10.213.0.102")), ip("255.255.255.0"),
                    Optional.of(ip("10.213.0.254")), List.of(ip("10.213.0.53")), Duration.ofHours(1), 8080),
            new FirmwareBootPolicy(8080, FirmwareBootPolicy.UefiBinary.IPXE_EFI), leases, listener,
            new ServerAddressSelector(Optional.of(SERVER), List::of), 67, clock, new DhcpCounters());

    private static final MacAddress A = MacAddress.parse("52:54:00:00:00:0a");
    private static final MacAddress B = MacAddress.parse("52:54:00:00:00:0b");

    @Test
    void discoverRequestAckBindsTheFirstFreeAddress() {
        DhcpPacket offer = send(TestPackets.request(A, 1, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build()));
        assertThat(offer.messageType()).contains(DhcpMessageType.OFFER);
        assertThat(offer.yiaddr()).isEqualTo(ip("10.213.0.100"));
        assertThat(offer.file()).isEqualTo("undionly.kpxe");
        assertThat(offer.siaddr()).isEqualTo(SERVER);
        DhcpOptions o = offer.options();
        assertThat(o.ip(DhcpOption.SUBNET_MASK)).contains(ip("255.255.255.0"));
        assertThat(o.ip(DhcpOption.ROUTER)).contains(ip("10.213.0.254"));
        assertThat(o.ip(DhcpOption.DNS)).contains(ip("10.213.0.53"));
        assertThat(HexFormat.of().formatHex(o.bytes(DhcpOption.LEASE_TIME).orElseThrow())).isEqualTo("00000e10");
        assertThat(HexFormat.of().formatHex(o.bytes(DhcpOption.RENEWAL_TIME).orElseThrow())).isEqualTo("00000708");
        assertThat(HexFormat.of().formatHex(o.bytes(DhcpOption.REBINDING_TIME).orElseThrow())).isEqualTo("00000c4e");
        assertThat(o.has(DhcpOption.IPXE_ENCAP)).isFalse();
        assertThat(o.has(DhcpOption.VENDOR_SPECIFIC)).isFalse();

        DhcpPacket ack = send(TestPackets.request(A, 1, selecting(TestPackets.biosPxe(DhcpMessageType.REQUEST), "10.213.0.100")));
        assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
        assertThat(ack.yiaddr()).isEqualTo(ip("10.213.0.100"));
        assertThat(leases.findByMac(A).orElseThrow().expiresAt()).isEqualTo(clock.millis() + 3_600_000);
        assertThat(listener.events).contains("offer 52:54:00:00:00:0a 10.213.0.100", "ack 52:54:00:00:00:0a 10.213.0.100");
    }

    @Test
    void ipxeGetsNoPxeDhcpOnlyInFullMode() {
        DhcpPacket offer = send(TestPackets.request(A, 2, TestPackets.ipxe(DhcpMessageType.DISCOVER).build()));
        assertThat(HexFormat.of().formatHex(offer.options().bytes(DhcpOption.IPXE_ENCAP).orElseThrow())).isEqualTo("b00101");
        assertThat(offer.file()).isEqualTo("http://10.213.0.1:8080/boot/52:54:00:00:00:0a.ipxe");
    }

    @Test
    void secondClientGetsTheNextAddressAndARequestedFreeAddressIsHonoured() {
        send(TestPackets.request(A, 3, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build()));
        assertThat(send(TestPackets.request(B, 4, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build())).yiaddr())
                .isEqualTo(ip("10.213.0.101"));
        MacAddress c = MacAddress.parse("52:54:00:00:00:0c");
        DhcpPacket asked = TestPackets.request(c, 5, TestPackets.biosPxe(DhcpMessageType.DISCOVER)
                .ip(DhcpOption.REQUESTED_IP, ip("10.213.0.100")).build());
        // .100 is held for A: the request cannot have it.
        assertThat(send(asked).yiaddr()).isEqualTo(ip("10.213.0.102"));
        MacAddress d = MacAddress.parse("52:54:00:00:00:0d");
        assertThat(engine.handle(TestPackets.request(d, 6, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build()),
                FROM_NOWHERE, DhcpPacket.ZERO, false)).as("pool exhausted").isEmpty();
    }

    @Test
    void reservationWinsAndHostnameComesFromTheClient() {
        leases.pin(B, "10.213.0.150", "lab-7");
        DhcpPacket offer = send(TestPackets.request(B, 7, TestPackets.type(DhcpMessageType.DISCOVER)
                .put(DhcpOption.HOSTNAME, "lab-7").build()));
        assertThat(offer.yiaddr()).isEqualTo(ip("10.213.0.150"));
        assertThat(offer.options().string(DhcpOption.HOSTNAME)).contains("lab-7");
        // A non-PXE client (an OS booted from a vDisk) gets an address but no boot file.
        assertThat(offer.file()).isEmpty();
        DhcpPacket ack = send(TestPackets.request(B, 7, selecting(TestPackets.type(DhcpMessageType.REQUEST), "10.213.0.150")));
        assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
        assertThat(leases.findByMac(B).orElseThrow().reserved()).isTrue();
    }

    @Test
    void initRebootIsNakedOffSubnetSilentForStrangersAckedForItsLease() {
        DhcpPacket wrongNet = TestPackets.request(A, 8, TestPackets.type(DhcpMessageType.REQUEST)
                .ip(DhcpOption.REQUESTED_IP, ip("192.168.1.20")).build());
        Outgoing nak = engine.handle(wrongNet, FROM_NOWHERE, DhcpPacket.ZERO, false).orElseThrow();
        assertThat(nak.packet().messageType()).contains(DhcpMessageType.NAK);
        assertThat(nak.destination()).isEqualTo(ProxyModeTest.BROADCAST_68);
        assertThat(nak.packet().yiaddr()).isEqualTo(DhcpPacket.ZERO);

        DhcpPacket stranger = TestPackets.request(A, 9, TestPackets.type(DhcpMessageType.REQUEST)
                .ip(DhcpOption.REQUESTED_IP, ip("10.213.0.101")).build());
        assertThat(engine.handle(stranger, FROM_NOWHERE, DhcpPacket.ZERO, false)).isEmpty();

        bind(A, "10.213.0.100");
        assertThat(send(stranger).messageType()).contains(DhcpMessageType.NAK);
        DhcpPacket mine = TestPackets.request(A, 10, TestPackets.type(DhcpMessageType.REQUEST)
                .ip(DhcpOption.REQUESTED_IP, ip("10.213.0.100")).build());
        assertThat(send(mine).messageType()).contains(DhcpMessageType.ACK);
    }

    @Test
    void renewalIsAckedUnicastAndExtendsTheLease() {
        bind(A, "10.213.0.100");
        clock.advance(Duration.ofMinutes(30));
        DhcpPacket renew = TestPackets.request(A, 11, ip("10.213.0.100"), DhcpPacket.ZERO,
                TestPackets.type(DhcpMessageType.REQUEST).build());
        Outgoing out = engine.handle(renew, new InetSocketAddress(ip("10.213.0.100"), 68), DhcpPacket.ZERO, false).orElseThrow();
        assertThat(out.destination()).isEqualTo(new InetSocketAddress(ip("10.213.0.100"), 68));
        assertThat(out.packet().ciaddr()).isEqualTo(ip("10.213.0.100"));
        assertThat(leases.findByMac(A).orElseThrow().expiresAt()).isEqualTo(clock.millis() + 3_600_000);
    }

    @Test
    void releaseFreesAndDeclineQuarantinesTheAddress() {
        bind(A, "10.213.0.100");
        send(TestPackets.request(A, 12, ip("10.213.0.100"), DhcpPacket.ZERO, TestPackets.type(DhcpMessageType.RELEASE)
                .ip(DhcpOption.SERVER_ID, SERVER).build()), false);
        assertThat(leases.findByMac(A)).isEmpty();

        bind(A, "10.213.0.100");
        send(TestPackets.request(A, 13, TestPackets.type(DhcpMessageType.DECLINE).ip(DhcpOption.SERVER_ID, SERVER)
                .ip(DhcpOption.REQUESTED_IP, ip("10.213.0.100")).build()), false);
        assertThat(leases.findByMac(A)).isEmpty();
        assertThat(send(TestPackets.request(A, 14, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build())).yiaddr())
                .isEqualTo(ip("10.213.0.101"));
    }

    @Test
    void expiredLeasesReturnToThePool() {
        bind(A, "10.213.0.100");
        clock.advance(Duration.ofHours(2));
        assertThat(send(TestPackets.request(B, 15, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build())).yiaddr())
                .isEqualTo(ip("10.213.0.100"));
    }

    @Test
    void informGetsConfigurationWithoutALease() {
        DhcpPacket inform = TestPackets.request(A, 16, ip("10.213.0.33"), DhcpPacket.ZERO,
                TestPackets.type(DhcpMessageType.INFORM).build());
        Outgoing out = engine.handle(inform, new InetSocketAddress(ip("10.213.0.33"), 68), DhcpPacket.ZERO, false).orElseThrow();
        assertThat(out.packet().messageType()).contains(DhcpMessageType.ACK);
        assertThat(out.packet().yiaddr()).isEqualTo(DhcpPacket.ZERO);
        assertThat(out.packet().options().has(DhcpOption.LEASE_TIME)).isFalse();
        assertThat(out.destination()).isEqualTo(new InetSocketAddress(ip("10.213.0.33"), 68));
    }

    @Test
    void relayedRequestsAreAnsweredThroughTheRelayAndNaksCarryTheBroadcastBit() {
        Inet4Address relay = ip("10.213.0.2");
        Outgoing offer = engine.handle(TestPackets.request(A, 17, DhcpPacket.ZERO, relay,
                TestPackets.biosPxe(DhcpMessageType.DISCOVER).build()), new InetSocketAddress(relay, 67), DhcpPacket.ZERO, false)
                .orElseThrow();
        assertThat(offer.destination()).isEqualTo(new InetSocketAddress(relay, 67));
        assertThat(offer.packet().giaddr()).isEqualTo(relay);
        Outgoing nak = engine.handle(TestPackets.request(A, 18, DhcpPacket.ZERO, relay, TestPackets.type(DhcpMessageType.REQUEST)
                .ip(DhcpOption.REQUESTED_IP, ip("192.168.9.9")).build()), new InetSocketAddress(relay, 67), DhcpPacket.ZERO, false)
                .orElseThrow();
        assertThat(nak.destination()).isEqualTo(new InetSocketAddress(relay, 67));
        assertThat(nak.packet().broadcastFlag()).isTrue();
    }

    @Test
    void clientChoosingAnotherServerFreesTheOffer() {
        send(TestPackets.request(A, 19, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build()));
        DhcpPacket elsewhere = TestPackets.request(A, 19, TestPackets.biosPxe(DhcpMessageType.REQUEST)
                .ip(DhcpOption.SERVER_ID, ip("10.213.0.9")).ip(DhcpOption.REQUESTED_IP, ip("10.213.0.200")).build());
        assertThat(engine.handle(elsewhere, FROM_NOWHERE, DhcpPacket.ZERO, false)).isEmpty();
        assertThat(leases.findByMac(A)).isEmpty();
        assertThat(listener.events).contains("foreign 10.213.0.9");
    }

    private void bind(MacAddress mac, String address) {
        send(TestPackets.request(mac, 100, TestPackets.biosPxe(DhcpMessageType.DISCOVER).ip(DhcpOption.REQUESTED_IP, ip(address)).build()));
        DhcpPacket ack = send(TestPackets.request(mac, 100, selecting(TestPackets.biosPxe(DhcpMessageType.REQUEST), address)));
        assertThat(ack.yiaddr()).isEqualTo(ip(address));
    }

    private static DhcpOptions selecting(DhcpOptions.Builder b, String address) {
        return b.ip(DhcpOption.SERVER_ID, SERVER).ip(DhcpOption.REQUESTED_IP, ip(address)).build();
    }

    private DhcpPacket send(DhcpPacket request) {
        return engine.handle(request, FROM_NOWHERE, DhcpPacket.ZERO, false).orElseThrow().packet();
    }

    private void send(DhcpPacket request, boolean expectReply) {
        assertThat(engine.handle(request, FROM_NOWHERE, DhcpPacket.ZERO, false).isPresent()).isEqualTo(expectReply);
    }
}
