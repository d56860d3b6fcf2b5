package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.streamboot.server.boot.BootSpec;
import org.streamboot.server.boot.ClientHello;
import org.streamboot.server.model.MacAddress;

/**
 * A client request with everything decided about it before a responder sees it.
 *
 * @param type     option 53
 * @param serverId the address this server names itself by on the client's segment
 * @param boot     the boot policy's answer
 * @param pxePort  true when it arrived on the PXE boot-server port (4011)
 * @param sender   where the datagram came from
 */
record Inbound(DhcpPacket packet, DhcpMessageType type, MacAddress mac, ClientHello hello, Inet4Address serverId,
               Optional<BootSpec> boot, boolean pxePort, InetSocketAddress sender) {
}
