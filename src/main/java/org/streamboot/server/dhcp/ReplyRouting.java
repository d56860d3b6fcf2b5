package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * Where a reply goes, RFC 2131 section 4.1: through the relay (giaddr, server port) if there
 * is one; to ciaddr if the client has an address; else broadcast. Unicast to yiaddr before the
 * client has the address would need an ARP entry we cannot write from Java, so the broadcast
 * bit is treated as always set; clients accept broadcast replies either way.
 */
public final class ReplyRouting {

    public static final Inet4Address BROADCAST = AddressRange.fromInt(-1);
    private final int serverPort;
    private final int clientPort;

    /** @param serverPort the DHCP port (67); the client port is the next one (68) as in RFC 2131 4.1 */
    public ReplyRouting(int serverPort) {
        this.serverPort = serverPort;
        this.clientPort = serverPort + 1;
    }

    public int clientPort() {
        return clientPort;
    }

    public InetSocketAddress destination(DhcpPacket request, boolean nak) {
        if (!request.giaddr().isAnyLocalAddress()) {
            return new InetSocketAddress(request.giaddr(), serverPort);
        }
        if (!nak && !request.ciaddr().isAnyLocalAddress()) {
            return new InetSocketAddress(request.ciaddr(), clientPort);
        }
        return new InetSocketAddress(BROADCAST, clientPort);
    }
}
