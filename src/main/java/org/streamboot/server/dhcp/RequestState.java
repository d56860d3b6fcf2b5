package org.streamboot.server.dhcp;

/**
 * The client state a DHCPREQUEST reveals (RFC 2131 4.3.2). The server's reply depends on it:
 * the same REQUEST means "I take your offer", "is my old address still good" or "extend my
 * lease" depending on which fields are set.
 */
enum RequestState {
    /** Option 54 set, ciaddr 0, option 50 the offered address: the client chose a server. */
    SELECTING,
    /** No option 54, option 50 set, ciaddr 0: a rebooted client checks its previous address. */
    INIT_REBOOT,
    /** No option 54, no option 50, ciaddr set: renewal (unicast) or rebinding (broadcast). */
    RENEWING,
    /** A combination RFC 2131 does not define; ignored. */
    INVALID;

    static RequestState of(DhcpPacket request) {
        boolean serverId = request.options().has(DhcpOption.SERVER_ID);
        boolean requested = request.options().ip(DhcpOption.REQUESTED_IP).isPresent();
        boolean ciaddr = !request.ciaddr().isAnyLocalAddress();
        if (serverId) {
            return requested && !ciaddr ? SELECTING : INVALID;
        }
        if (requested) {
            return ciaddr ? INVALID : INIT_REBOOT;
        }
        return ciaddr ? RENEWING : INVALID;
    }
}
