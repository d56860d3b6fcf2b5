package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.streamboot.server.boot.BootSpec;
import org.streamboot.server.boot.ClientHello;
import org.streamboot.server.model.Firmware;
import org.streamboot.server.model.MacAddress;

/**
 * What the DHCP service reports as it works; the live hub turns these into boot events.
 * Called from executor threads: implementations must be quick and thread-safe.
 */
public interface DhcpEventListener {

    DhcpEventListener NOP = new DhcpEventListener() {
    };

    /** A client asked (DISCOVER/REQUEST/INFORM) and was recognised as {@code firmware}. */
    default void clientSeen(MacAddress mac, Firmware firmware, ClientHello hello) {
    }

    /** An OFFER went out; {@code address} is 0.0.0.0 for a proxy offer. */
    default void offerSent(MacAddress mac, Inet4Address address, Optional<BootSpec> boot) {
    }

    default void ackSent(MacAddress mac, Inet4Address address, Optional<BootSpec> boot) {
    }

    default void nakSent(MacAddress mac, String why) {
    }

    default void malformedPacket(InetSocketAddress from, MalformedPacketException problem) {
    }

    /** Another DHCP server answers on this segment (see {@link ForeignServerWatch} for how it is noticed). */
    default void foreignServerSeen(Inet4Address server) {
    }
}
