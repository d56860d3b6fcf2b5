package org.streamboot.server.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the server needs to start.
 *
 * @param bindAddress where the services listen; the wildcard address by default, which DHCP
 *                    needs to hear broadcasts
 * @param ipxeDir     where the iPXE binaries are; empty means "look in the usual places"
 * @param ipv6Advertising whether to send the minimal IPv6 router advertisement that spares
 *                    iPXE its ~16 s IPv6 wait
 * @param fixed       the stored settings ({@link Setting#NETWORK_BIND}, {@link Setting#DHCP_MODE},
 *                    {@link Setting#DHCP_RANGE}, the ports, {@link Setting#IPXE_DIR}) this
 *                    configuration names itself, from the
 *                    command line or a wither; the stored setting applies to the others
 *                    ({@link NetworkSettings})
 */
public record ServerConfig(Path dataDir, InetAddress bindAddress, DhcpMode dhcpMode, Ports ports,
                           Optional<Path> ipxeDir, DhcpNetwork network, Ipv6Advertising ipv6Advertising,
                           Set<Setting> fixed) {

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dhcpMode, "dhcpMode");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(ipxeDir, "ipxeDir");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ipv6Advertising, "ipv6Advertising");
        fixed = fixed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fixed));
    }

    public ServerConfig(Path dataDir, InetAddress bindAddress, DhcpMode dhcpMode, Ports ports, Optional<Path> ipxeDir,
                        DhcpNetwork network, Ipv6Advertising ipv6Advertising) {
        this(dataDir, bindAddress, dhcpMode, ports, ipxeDir, network, ipv6Advertising, Set.of());
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, wildcard(), DhcpMode.PROXY, Ports.DEFAULTS, Optional.empty(), DhcpNetwork.NONE, Ipv6Advertising.AUTO);
    }

    /** These ports, fixed: the stored port settings do not apply over them. */
    public ServerConfig withPorts(Ports p) {
        EnumSet<Setting> more = EnumSet.of(Setting.HTTP_PORT, Setting.ISCSI_PORT, Setting.NBD_PORT);
        more.addAll(fixed);
        return new ServerConfig(dataDir, bindAddress, dhcpMode, p, ipxeDir, network, ipv6Advertising, more);
    }

    public ServerConfig withDhcpMode(DhcpMode mode) {
        return new ServerConfig(dataDir, bindAddress, mode, ports, ipxeDir, network, ipv6Advertising,
                plus(Setting.DHCP_MODE));
    }

    public ServerConfig withNetwork(DhcpNetwork n) {
        return new ServerConfig(dataDir, bindAddress, dhcpMode, ports, ipxeDir, n, ipv6Advertising,
                n.range().isPresent() ? plus(Setting.DHCP_RANGE) : fixed);
    }

    public ServerConfig withIpxeDir(Path dir) {
        return new ServerConfig(dataDir, bindAddress, dhcpMode, ports, Optional.of(dir), network, ipv6Advertising,
                plus(Setting.IPXE_DIR));
    }

    public ServerConfig withBindAddress(InetAddress address) {
        return new ServerConfig(dataDir, address, dhcpMode, ports, ipxeDir, network, ipv6Advertising,
                plus(Setting.NETWORK_BIND));
    }

    public ServerConfig withIpv6Advertising(Ipv6Advertising mode) {
        return new ServerConfig(dataDir, bindAddress, dhcpMode, ports, ipxeDir, network, mode, fixed);
    }

    /** The same configuration with these network values in effect; which ones are fixed does not change. */
    public ServerConfig running(InetAddress bind, DhcpMode mode, DhcpNetwork n) {
        return running(bind, mode, n, ports, ipxeDir);
    }

    /** The same with these ports and iPXE directory too (stored settings applied); fixed ones stay fixed. */
    public ServerConfig running(InetAddress bind, DhcpMode mode, DhcpNetwork n, Ports p, Optional<Path> ipxe) {
        return new ServerConfig(dataDir, bind, mode, p, ipxe, n, ipv6Advertising, fixed);
    }

    private Set<Setting> plus(Setting s) {
        EnumSet<Setting> out = EnumSet.of(s);
        out.addAll(fixed);
        return out;
    }

    private static InetAddress wildcard() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
