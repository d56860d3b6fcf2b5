package org.streamboot.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.dhcp.TestPackets.ip;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.streamboot.server.boot.FirmwareBootPolicy;
import org.streamboot.server.model.MacAddress;

class DhcpHandlerTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("0.0.0.0", 68);
    private final DhcpCounters counters = new DhcpCounters();
    private final RecordingListener listener = new RecordingListener();

    private EmbeddedChannel channel(DhcpSettings settings, boolean pxePort) {
        DhcpEngine engine = new DhcpEngine(settings, new FirmwareBootPolicy(8080, FirmwareBootPolicy.UefiBinary.IPXE_EFI),
                new InMemoryLeaseStore(), listener, new ServerAddressSelector(Optional.of(ip("10.213.0.1")), List::of),
                67, new MutableClock(), counters);
        // A direct executor keeps the test single-threaded; the service uses virtual threads.
        return new EmbeddedChannel(new DhcpHandler(engine, Runnable::run, counters, listener, pxePort));
    }

    @Test
    void proxyExchangeOnBothPorts() throws Exception {
        EmbeddedChannel ch67 = channel(DhcpSettings.proxy(8080), false);
        DatagramPacket discover = new DatagramPacket(Unpooled.wrappedBuffer(HexFixtures.load("pxe-bios-discover.hex")),
                new InetSocketAddress("0.0.0.0", 67), CLIENT);
        ch67.writeInbound(discover);
        assertThat(discover.refCnt()).isZero();
        DatagramPacket offer = ch67.readOutbound();
        assertThat(offer.recipient()).isEqualTo(ProxyModeTest.BROADCAST_68);
        assertThat(decodeAndRelease(offer).file()).isEqualTo("undionly.kpxe");
        assertThat(offer.refCnt()).isZero();

        EmbeddedChannel ch4011 = channel(DhcpSettings.proxy(8080), true);
        MacAddress mac = MacAddress.parse("52:54:00:12:34:56");
        InetSocketAddress from = new InetSocketAddress(ip("10.213.0.60"), 68);
        DatagramPacket request = new DatagramPacket(Unpooled.wrappedBuffer(DhcpCodec.encode(TestPackets.request(mac, 3,
                ip("10.213.0.60"), DhcpPacket.ZERO, TestPackets.ipxe(DhcpMessageType.REQUEST).build()))),
                new InetSocketAddress("0.0.0.0", 4011), from);
        ch4011.writeInbound(request);
        assertThat(request.refCnt()).isZero();
        DatagramPacket ack = ch4011.readOutbound();
        assertThat(ack.recipient()).isEqualTo(from);
        assertThat(decodeAndRelease(ack).messageType()).contains(DhcpMessageType.ACK);
        assertThat(ch67.isOpen()).isTrue();
        assertThat(counters.sentCount()).isEqualTo(2);
    }

    @Test
    void fullExchangeHandsOutAnAddress() throws Exception {
        EmbeddedChannel ch = channel(DhcpSettings.full(new AddressRange(ip("10.213.0.100"), ip("10.213.0.110")),
                ip("255.255.255.0"), Optional.empty(), List.of(), Duration.ofHours(1), 8080), false);
        MacAddress mac = MacAddress.parse("52:54:00:12:34:56");
        ch.writeInbound(datagram(DhcpCodec.encode(TestPackets.request(mac, 1, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build()))));
        DhcpPacket offer = decodeAndRelease(ch.readOutbound());
        ch.writeInbound(datagram(DhcpCodec.encode(TestPackets.request(mac, 1, TestPackets.biosPxe(DhcpMessageType.REQUEST)
                .ip(DhcpOption.SERVER_ID, ip("10.213.0.1")).ip(DhcpOption.REQUESTED_IP, offer.yiaddr()).build()))));
        DhcpPacket ack = decodeAndRelease(ch.readOutbound());
        assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
        assertThat(ack.yiaddr()).isEqualTo(ip("10.213.0.100"));
    }

    @Test
    void garbageIsCountedReportedAndReleasedAndTheChannelStaysOpen() throws Exception {
        EmbeddedChannel ch = channel(DhcpSettings.proxy(8080), false);
        DatagramPacket tiny = datagram(new byte[12]);
        DatagramPacket huge = datagram(new byte[DhcpCodec.MAX_PACKET + 10]);
        DatagramPacket noCookie = datagram(new byte[300]);
        ch.writeInbound(tiny, huge, noCookie);
        assertThat(tiny.refCnt()).isZero();
        assertThat(huge.refCnt()).isZero();
        assertThat(noCookie.refCnt()).isZero();
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.isOpen()).isTrue();
        assertThat(counters.malformedCount()).isEqualTo(3);
        assertThat(counters.malformedCount(MalformedPacketException.Reason.TOO_LONG)).isEqualTo(1);
        assertThat(listener.events).containsExactly("malformed TOO_SHORT", "malformed TOO_LONG", "malformed BAD_MAGIC_COOKIE");

        // And it still answers the next good packet.
        ch.writeInbound(datagram(HexFixtures.load("pxe-bios-discover.hex")));
        assertThat(decodeAndRelease(ch.readOutbound()).messageType()).contains(DhcpMessageType.OFFER);
    }

    private static DatagramPacket datagram(byte[] bytes) {
        return new DatagramPacket(Unpooled.wrappedBuffer(bytes), new InetSocketAddress("0.0.0.0", 67), CLIENT);
    }

    private static DhcpPacket decodeAndRelease(DatagramPacket p) throws MalformedPacketException {
        ByteBuf content = p.content();
        try {
            return DhcpCodec.decode(content.nioBuffer());
        } finally {
            p.release();
        }
    }
}
