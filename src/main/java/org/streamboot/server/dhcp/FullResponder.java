package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.streamboot.server.boot.BootSpec;
import org.streamboot.server.model.DhcpLease;

/**
 * Full DHCP on the admin's range (RFC 2131 4.3). Every client gets an address, boot
 * information only when the boot policy gives some: an operating system that booted from a
 * vDisk renews its lease with a non-PXE vendor class and must keep its address.
 * iPXE clients get 175.176 no-pxedhcp = 1 so that they do not wait 3 s for proxy offers.
 */
final class FullResponder {

    /** How long an offered address is held for the client's REQUEST. */
    static final Duration OFFER_HOLD = Duration.ofSeconds(60);

    private final DhcpSettings settings;
    private final LeaseStore store;
    private final AddressAllocator allocator;
    private final ReplyRouting routing;
    private final Clock clock;
    private final DhcpEventListener listener;

    FullResponder(DhcpSettings settings, LeaseStore store, ReplyRouting routing, Clock clock, DhcpEventListener listener) {
        this.settings = settings;
        this.store = store;
        this.allocator = new AddressAllocator(settings, store, clock);
        this.routing = routing;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * One lease decision at a time: choosing a free address and holding it must be atomic, or
     * two PCs discovering at once are offered the same address and NAKed in turn forever
     * (seen with four QEMU PCs booting together).
     */
    synchronized Optional<Outgoing> respond(Inbound in) {
        if (in.pxePort()) {
            return Optional.empty();
        }
        return switch (in.type()) {
            case DISCOVER -> discover(in);
            case REQUEST -> request(in);
            case INFORM -> Optional.of(reply(in, DhcpMessageType.ACK, in.packet().ciaddr(), DhcpPacket.ZERO, false));
            case DECLINE -> {
                // RFC 2131 4.3.3: the address is in use by someone else; keep it out of the pool.
                in.packet().options().ip(DhcpOption.REQUESTED_IP).ifPresent(a -> allocator.decline(a.getHostAddress()));
                store.release(in.mac());
                yield Optional.empty();
            }
            case RELEASE -> {
                store.findByMac(in.mac()).filter(l -> l.ip().equals(in.packet().ciaddr().getHostAddress()))
                        .ifPresent(l -> store.release(in.mac()));
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private Optional<Outgoing> discover(Inbound in) {
        store.expire(clock.millis());
        Optional<Inet4Address> address = allocator.choose(in.mac(), in.packet().options().ip(DhcpOption.REQUESTED_IP),
                in.serverId());
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Optional<DhcpLease> existing = store.findByMac(in.mac()).filter(l -> l.ip().equals(address.get().getHostAddress()));
        if (existing.isEmpty() || existing.get().expiresAt() < clock.millis() + OFFER_HOLD.toMillis()) {
            store.reserve(new DhcpLease(address.get().getHostAddress(), in.mac(), hostname(in).orElse(null),
                    clock.millis() + OFFER_HOLD.toMillis(), false));
        }
        return Optional.of(reply(in, DhcpMessageType.OFFER, DhcpPacket.ZERO, address.get(), true));
    }

    private Optional<Outgoing> request(Inbound in) {
        DhcpPacket req = in.packet();
        Optional<DhcpLease> lease = store.findByMac(in.mac()).filter(l -> l.reserved() || l.expiresAt() >= clock.millis());
        return switch (RequestState.of(req)) {
            case SELECTING -> {
                Inet4Address chosen = req.options().ip(DhcpOption.SERVER_ID).orElseThrow();
                if (!chosen.equals(in.serverId())) {
                    // The client took another server's offer (ForeignServerWatch reports it): free ours.
                    lease.filter(l -> !l.reserved()).ifPresent(l -> store.release(in.mac()));
                    yield Optional.empty();
                }
                yield confirm(in, req.options().ip(DhcpOption.REQUESTED_IP).orElseThrow(), lease, true);
            }
            case INIT_REBOOT -> {
                Inet4Address asked = req.options().ip(DhcpOption.REQUESTED_IP).orElseThrow();
                if (!settings.onOurSubnet(asked)) {
                    yield Optional.of(nak(in, "address " + asked.getHostAddress() + " is not on this network"));
                }
                // RFC 2131 4.3.2: no record of this client → remain silent (another server may know it).
                yield lease.isEmpty() ? Optional.empty() : confirm(in, asked, lease, true);
            }
            case RENEWING -> confirm(in, req.ciaddr(), lease, false);
            case INVALID -> Optional.empty();
        };
    }

    private Optional<Outgoing> confirm(Inbound in, Inet4Address asked, Optional<DhcpLease> lease, boolean nakIfWrong) {
        boolean matches = lease.map(l -> l.ip().equals(asked.getHostAddress())).orElse(false);
        if (!matches && !(lease.isEmpty() && allocator.usable(asked, in.mac(), in.serverId(), clock.millis()))) {
            // A renewing PC whose address now belongs to another (the admin reserved it for
            // that PC) hears so at once, rather than keeping a clashing address until it expires.
            return nakIfWrong || lease.isPresent() || allocator.heldByAnother(asked, in.mac(), clock.millis())
                    ? Optional.of(nak(in, "address " + asked.getHostAddress() + " is not the client's lease"))
                    : Optional.empty();
        }
        boolean pinned = lease.map(DhcpLease::reserved).orElse(false);
        long expires = pinned ? Long.MAX_VALUE : clock.millis() + settings.leaseTime().toMillis();
        store.commit(new DhcpLease(asked.getHostAddress(), in.mac(), hostname(in).orElse(null), expires, pinned));
        return Optional.of(reply(in, DhcpMessageType.ACK, in.packet().ciaddr(), asked, true));
    }

    private Outgoing nak(Inbound in, String why) {
        listener.nakSent(in.mac(), why);
        DhcpOptions.Builder options = DhcpOptions.builder().put(DhcpOption.MESSAGE, why);
        // RFC 2131 4.3.2: a NAK through a relay carries the broadcast bit so the relay broadcasts it.
        int flags = in.packet().giaddr().isAnyLocalAddress() ? in.packet().flags() : DhcpPacket.FLAG_BROADCAST;
        DhcpPacket reply = Replies.build(in.packet(), DhcpMessageType.NAK, DhcpPacket.ZERO, DhcpPacket.ZERO,
                in.serverId(), Optional.empty(), options, flags);
        return new Outgoing(reply, routing.destination(in.packet(), true));
    }

    private Outgoing reply(Inbound in, DhcpMessageType type, Inet4Address ciaddr, Inet4Address yiaddr, boolean withLease) {
        DhcpOptions.Builder o = DhcpOptions.builder();
        if (withLease) {
            long secs = settings.leaseTime().toSeconds();
            o.u32(DhcpOption.LEASE_TIME, secs).u32(DhcpOption.RENEWAL_TIME, secs / 2)
                    .u32(DhcpOption.REBINDING_TIME, secs * 7 / 8);
        }
        o.ip(DhcpOption.SUBNET_MASK, settings.subnetMask());
        settings.router().ifPresent(r -> o.ip(DhcpOption.ROUTER, r));
        if (!settings.dns().isEmpty()) {
            o.ips(DhcpOption.DNS, settings.dns());
        }
        hostname(in).ifPresent(h -> o.put(DhcpOption.HOSTNAME, h));
        if (in.boot().map(BootSpec::ipxe).orElse(false)) {
            o.put(DhcpOption.IPXE_ENCAP, PxeVendorOptions.ipxeNoPxeDhcp());
        }
        DhcpPacket reply = Replies.build(in.packet(), type, ciaddr, yiaddr, in.serverId(), in.boot(), o, in.packet().flags());
        return new Outgoing(reply, routing.destination(in.packet(), false));
    }

    /** Option 12: the name the policy gave, else the name the client sent (RFC 2132 3.14). */
    private static Optional<String> hostname(Inbound in) {
        Optional<String> fromPolicy = in.boot().flatMap(BootSpec::hostname);
        return fromPolicy.isPresent() ? fromPolicy : in.packet().options().string(DhcpOption.HOSTNAME).filter(s -> !s.isBlank());
    }

}
