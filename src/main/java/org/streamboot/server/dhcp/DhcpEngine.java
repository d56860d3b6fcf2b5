package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.boot.BootPolicy;
import org.streamboot.server.boot.BootSpec;
import org.streamboot.server.boot.ClientHello;
import org.streamboot.server.boot.FirmwareDetector;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.model.Firmware;
import org.streamboot.server.model.MacAddress;

/**
 * Turns one decoded request into at most one reply: recognises the client, asks the boot
 * policy, and hands over to the proxy or full responder. No sockets here; it may block on the
 * policy and the lease store, so the Netty handler runs it on an executor.
 */
public final class DhcpEngine {

    private static final Logger log = LoggerFactory.getLogger(DhcpEngine.class);

    private final DhcpSettings settings;
    private final BootPolicy policy;
    private final DhcpEventListener listener;
    private final ServerAddressSelector addresses;
    private final ProxyResponder proxy;
    private final FullResponder full;
    private final ForeignServerWatch watch;
    private final DhcpCounters counters;
    private volatile boolean warnedNoAddress;

    public DhcpEngine(DhcpSettings settings, BootPolicy policy, LeaseStore leases, DhcpEventListener listener,
                      ServerAddressSelector addresses, int dhcpPort, Clock clock, DhcpCounters counters) {
        this.settings = settings;
        this.policy = policy;
        this.listener = listener;
        this.addresses = addresses;
        ReplyRouting routing = new ReplyRouting(dhcpPort);
        this.proxy = new ProxyResponder(routing);
        this.full = new FullResponder(settings, leases, routing, clock, listener);
        this.watch = new ForeignServerWatch(listener, clock);
        this.counters = counters;
    }

    /**
     * @param local   the receiving socket's local address (0.0.0.0 when bound to the wildcard)
     * @param pxePort whether it arrived on the PXE boot-server port
     */
    public Optional<Outgoing> handle(DhcpPacket p, InetSocketAddress sender, Inet4Address local, boolean pxePort) {
        Optional<Inet4Address> clientSide = ClientHellos.nonZero(p.giaddr()).or(() -> ClientHellos.nonZero(p.ciaddr()));
        Optional<Inet4Address> serverId = addresses.select(clientSide, Optional.of(local));
        watch.observe(p, serverId);
        Optional<MacAddress> mac = p.mac();
        Optional<DhcpMessageType> type = p.messageType();
        if (p.op() != DhcpPacket.BOOTREQUEST || mac.isEmpty() || type.isEmpty() || settings.mode() == DhcpMode.OFF) {
            counters.ignored();
            return Optional.empty();
        }
        if (serverId.isEmpty()) {
            if (!warnedNoAddress) {
                warnedNoAddress = true;
                log.warn("DHCP request from {} not answered: cannot tell which of this machine's addresses to name;"
                        + " set the server address", mac.get());
            }
            counters.ignored();
            return Optional.empty();
        }
        ClientHello hello = ClientHellos.from(p, mac.get(), serverId.get());
        Firmware firmware = FirmwareDetector.detect(hello);
        if (type.get() == DhcpMessageType.DISCOVER || type.get() == DhcpMessageType.REQUEST
                || type.get() == DhcpMessageType.INFORM) {
            listener.clientSeen(mac.get(), firmware, hello);
        }
        Optional<BootSpec> boot = policy.bootSpec(hello);
        Inbound in = new Inbound(p, type.get(), mac.get(), hello, serverId.get(), boot, pxePort, sender);
        Optional<Outgoing> out = settings.mode() == DhcpMode.PROXY ? proxy.respond(in) : full.respond(in);
        if (out.isEmpty()) {
            counters.ignored();
            return out;
        }
        report(mac.get(), out.get().packet(), boot);
        return out;
    }

    private void report(MacAddress mac, DhcpPacket reply, Optional<BootSpec> boot) {
        switch (reply.messageType().orElseThrow()) {
            case OFFER -> listener.offerSent(mac, reply.yiaddr(), boot);
            case ACK -> listener.ackSent(mac, reply.yiaddr(), boot);
            default -> {
            }
        }
    }
}
