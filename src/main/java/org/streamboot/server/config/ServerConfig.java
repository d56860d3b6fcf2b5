package org.streamboot.server.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server needs to start.
 *
 * @param bindAddress where the services listen; the wildcard address by default, which DHCP
 *                    needs to hear broadcasts
 * @param ipxeDir     where the iPXE binaries are; empty means "look in the usual places"
 * @param ipv6Advertising whether to send the minimal IPv6 router advertisement that spares
 *                    iPXE its ~16 s IPv6 wait
 */
public record ServerConfig(Path dataDir, InetAddress bindAddress, DhcpMode dhcpMode, Ports ports,
                           Optional<Path> ipxeDir, DhcpNetwork network, Ipv6Advertising ipv6Advertising) {

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dhcpMode, "dhcpMode");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(ipxeDir, "ipxeDir");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ipv6Advertising, "ipv6Advertising");
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, wildcard(), DhcpMode.PROXY, Ports.DEFAULTS, Optional.empty(), DhcpNetwork.NONE, Ipv6Advertising.AUTO);
    }

    public ServerConfig withPorts(Ports p) {
        return new ServerConfig(dataDir, bindAddress, dhcpMode, p, ipxeDir, network, ipv6Advertising);
    }

    public ServerConfig withDhcpMode(DhcpMode mode) {
        return new ServerConfig(dataDir, bindAddress, mode, ports, ipxeDir, network, ipv6Advertising);
    }

    public ServerConfig withNetwork(DhcpNetwork n) {
        return new ServerConfig(dataDir, bindAddress, dhcpMode, ports, ipxeDir, n, ipv6Advertising);
    }

    public ServerConfig withIpxeDir(Path dir) {
        return new ServerConfig(dataDir, bindAddress, dhcpMode, ports, Optional.of(dir), network, ipv6Advertising);
    }

    public ServerConfig withBindAddress(InetAddress address) {
        return new ServerConfig(dataDir, address, dhcpMode, ports, ipxeDir, network, ipv6Advertising);
    }

    public ServerConfig withIpv6Advertising(Ipv6Advertising mode) {
        return new ServerConfig(dataDir, bindAddress, dhcpMode, ports, ipxeDir, network, mode);
    }

    private static InetAddress wildcard() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
