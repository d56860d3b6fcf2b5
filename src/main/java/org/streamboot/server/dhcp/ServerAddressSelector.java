package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Picks the address this server names to a client (siaddr, option 54, the host in URLs).
 *
 * <p>Java has neither SO_BINDTODEVICE nor IP_PKTINFO, so a socket bound to 0.0.0.0 cannot tell
 * on which interface a broadcast arrived. The order used instead: the local interface whose
 * subnet holds the client's relay (giaddr) or current address (ciaddr); else the configured
 * server address; else the bind address when it is not the wildcard; else the one and only
 * non-loopback IPv4 address of the machine. Limit: a directly attached client without an
 * address on a host with several interfaces needs the configured address.
 */
public final class ServerAddressSelector {

    /** One IPv4 address of this machine with its prefix length. */
    public record LocalAddress(Inet4Address address, int prefixLength, boolean loopback) {

        boolean sameSubnet(Inet4Address other) {
            if (prefixLength <= 0) {
                return false;
            }
            int mask = prefixLength >= 32 ? -1 : -1 << (32 - prefixLength);
            return (AddressRange.toInt(address) & mask) == (AddressRange.toInt(other) & mask);
        }
    }

    private final Optional<Inet4Address> configured;
    private final Supplier<List<LocalAddress>> interfaces;

    public ServerAddressSelector(Optional<Inet4Address> configured, Supplier<List<LocalAddress>> interfaces) {
        this.configured = configured;
        this.interfaces = interfaces;
    }

    public static ServerAddressSelector forThisHost(Optional<Inet4Address> configured) {
        return new ServerAddressSelector(configured, ServerAddressSelector::systemAddresses);
    }

    /**
     * @param clientSide giaddr if non-zero, else ciaddr if non-zero, else empty
     * @param bound      the local address of the receiving socket (possibly 0.0.0.0)
     */
    public Optional<Inet4Address> select(Optional<Inet4Address> clientSide, Optional<Inet4Address> bound) {
        List<LocalAddress> locals = interfaces.get();
        if (clientSide.isPresent()) {
            for (LocalAddress l : locals) {
                if (!l.loopback() && l.sameSubnet(clientSide.get())) {
                    return Optional.of(l.address());
                }
            }
        }
        if (configured.isPresent()) {
            return configured;
        }
        if (bound.isPresent() && !bound.get().isAnyLocalAddress()) {
            return bound;
        }
        List<LocalAddress> real = locals.stream().filter(l -> !l.loopback()).toList();
        return real.size() == 1 ? Optional.of(real.getFirst().address()) : Optional.empty();
    }

    static List<LocalAddress> systemAddresses() {
        List<LocalAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    if (ia.getAddress() instanceof Inet4Address v4) {
                        out.add(new LocalAddress(v4, ia.getNetworkPrefixLength(), v4.isLoopbackAddress()));
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return out;
    }
}
