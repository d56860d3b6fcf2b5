package org.streamboot.server.dhcp;

import java.net.InetSocketAddress;

/** A reply and where it goes. */
public record Outgoing(DhcpPacket packet, InetSocketAddress destination) {
}
