package org.streamboot.server.dhcp;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.streamboot.server.boot.BootSpec;

/**
 * proxyDHCP (PXE spec 2.1, section 2.2): boot information only, never an address; the
 * segment's own DHCP server hands out addresses.
 *
 * <ul>
 *   <li>DISCOVER on 67 → proxy OFFER with yiaddr 0, option 60 "PXEClient" and option 43
 *       (discovery control 8: take the boot file from this offer), broadcast.</li>
 *   <li>REQUEST on 4011 (the PXE boot-server request iPXE and many ROMs send after they got an
 *       address) → ACK, unicast back to where it came from.</li>
 *   <li>REQUEST on 67 only when the client picked this server (option 54) or asks for a boot
 *       item (43.71, broadcast boot-server discovery); any other REQUEST belongs to the real
 *       DHCP server.</li>
 * </ul>
 * Never sends iPXE's 175.176 no-pxedhcp: in proxy mode iPXE must wait for this very offer.
 */
final class ProxyResponder {

    private final ReplyRouting routing;

    ProxyResponder(ReplyRouting routing) {
        this.routing = routing;
    }

    Optional<Outgoing> respond(Inbound in) {
        if (in.boot().isEmpty()) {
            return Optional.empty();
        }
        DhcpPacket req = in.packet();
        byte[] bootItem = req.options().bytes(DhcpOption.VENDOR_SPECIFIC).map(PxeVendorOptions::bootItem).orElse(null);
        return switch (in.type()) {
            case DISCOVER -> in.pxePort() ? Optional.empty() : Optional.of(offer(in));
            case REQUEST, INFORM -> {
                if (in.pxePort()) {
                    yield Optional.of(ack(in, bootItem, in.sender()));
                }
                boolean picked = req.options().ip(DhcpOption.SERVER_ID).map(in.serverId()::equals).orElse(false);
                yield picked || bootItem != null
                        ? Optional.of(ack(in, bootItem, routing.destination(req, false)))
                        : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private Outgoing offer(Inbound in) {
        DhcpPacket reply = Replies.build(in.packet(), DhcpMessageType.OFFER, DhcpPacket.ZERO, DhcpPacket.ZERO,
                in.serverId(), in.boot(), pxeOptions(in.boot().get(), PxeVendorOptions.proxyOffer()),
                in.packet().flags());
        return new Outgoing(reply, routing.destination(in.packet(), false));
    }

    private Outgoing ack(Inbound in, byte[] bootItem, InetSocketAddress to) {
        byte[] option43 = bootItem != null ? PxeVendorOptions.bootServerAck(bootItem) : PxeVendorOptions.proxyOffer();
        DhcpPacket reply = Replies.build(in.packet(), DhcpMessageType.ACK, in.packet().ciaddr(), DhcpPacket.ZERO,
                in.serverId(), in.boot(), pxeOptions(in.boot().get(), option43), in.packet().flags());
        return new Outgoing(reply, to);
    }

    private static DhcpOptions.Builder pxeOptions(BootSpec spec, byte[] option43) {
        DhcpOptions.Builder b = DhcpOptions.builder();
        if (!spec.httpBoot()) {
            // PXE spec 2.2.2: a proxy offer identifies itself with option 60 "PXEClient".
            b.put(DhcpOption.VENDOR_CLASS, "PXEClient");
            b.put(DhcpOption.VENDOR_SPECIFIC, option43);
        }
        return b;
    }
}
