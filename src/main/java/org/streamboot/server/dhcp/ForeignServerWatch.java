package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices other DHCP servers on the segment from what reaches port 67, without a socket of
 * its own: offers and ACKs go to port 68, which a server does not hear, but
 * <ul>
 *   <li>a client that takes another server's offer broadcasts a REQUEST naming that server in
 *       option 54 (RFC 2131 4.3.2, SELECTING), and</li>
 *   <li>replies of servers that answer through a relay, or to port 67, arrive as BOOTREPLYs.</li>
 * </ul>
 * Limits: a server whose offers no client ever takes (because ours are faster) stays unseen;
 * listening on 68 or probing with a DISCOVER of our own would catch it, but port 68 is usually
 * held by the host's own DHCP client. Each server is reported at most once per {@link #REPEAT}.
 */
final class ForeignServerWatch {

    static final Duration REPEAT = Duration.ofMinutes(10);

    private final DhcpEventListener listener;
    private final Clock clock;
    private final Map<Inet4Address, Long> lastReported = new ConcurrentHashMap<>();

    ForeignServerWatch(DhcpEventListener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    /** Looks at any message heard on port 67; {@code ours} is our own server id for that client, if known. */
    void observe(DhcpPacket p, Optional<Inet4Address> ours) {
        Optional<Inet4Address> named = p.options().ip(DhcpOption.SERVER_ID);
        boolean relevant = p.op() == DhcpPacket.BOOTREPLY
                || p.messageType().filter(t -> t == DhcpMessageType.REQUEST).isPresent();
        if (!relevant || named.isEmpty() || named.get().isAnyLocalAddress() || named.equals(ours)) {
            return;
        }
        long now = clock.millis();
        Long last = lastReported.get(named.get());
        if (last == null || now - last >= REPEAT.toMillis()) {
            lastReported.put(named.get(), now);
            listener.foreignServerSeen(named.get());
        }
    }
}
