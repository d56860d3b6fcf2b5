package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.streamboot.server.boot.BootSpec;
import org.streamboot.server.boot.ClientHello;
import org.streamboot.server.model.Firmware;
import org.streamboot.server.model.MacAddress;

/** Keeps every event as a line of text, for assertions. */
final class RecordingListener implements DhcpEventListener {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void clientSeen(MacAddress mac, Firmware firmware, ClientHello hello) {
        events.add("seen " + mac + " " + firmware);
    }

    @Override
    public void offerSent(MacAddress mac, Inet4Address address, Optional<BootSpec> boot) {
        events.add("offer " + mac + " " + address.getHostAddress());
    }

    @Override
    public void ackSent(MacAddress mac, Inet4Address address, Optional<BootSpec> boot) {
        events.add("ack " + mac + " " + address.getHostAddress());
    }

    @Override
    public void nakSent(MacAddress mac, String why) {
        events.add("nak " + mac);
    }

    @Override
    public void malformedPacket(InetSocketAddress from, MalformedPacketException problem) {
        events.add("malformed " + problem.reason());
    }

    @Override
    public void foreignServerSeen(Inet4Address server) {
        events.add("foreign " + server.getHostAddress());
    }
}
