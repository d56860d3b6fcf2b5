package org.streamboot.server.config;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import org.streamboot.server.dhcp.AddressRange;
import org.streamboot.server.dhcp.DhcpSettings;

/**
 * What the admin told about the network: the range full DHCP may hand out and the options it
 * gives with it, and the server address to name when the machine has several interfaces.
 */
public record DhcpNetwork(Optional<AddressRange> range, Inet4Address mask, Optional<Inet4Address> router,
                          List<Inet4Address> dns, Optional<Inet4Address> serverAddress) {

    public static final DhcpNetwork NONE = new DhcpNetwork(Optional.empty(), DhcpSettings.DEFAULT_MASK, Optional.empty(),
            List.of(), Optional.empty());

    public DhcpNetwork {
        dns = List.copyOf(dns);
    }

    /** The DHCP service's settings for a mode; full mode without a range is refused (safety default). */
    public DhcpSettings settingsFor(DhcpMode mode, int httpPort) {
        DhcpSettings s = switch (mode) {
            case PROXY -> DhcpSettings.proxy(httpPort);
            case FULL -> DhcpSettings.full(range.orElseThrow(() -> new IllegalArgumentException(
                    "full DHCP hands out addresses only from a range you name: add --dhcp-range FIRST-LAST"
                            + " or set dhcp.range (console: Settings, Network)")),
                    mask, router, dns, DhcpSettings.DEFAULT_LEASE, httpPort);
            case OFF -> new DhcpSettings(DhcpMode.OFF, Optional.empty(), mask, router, dns, DhcpSettings.DEFAULT_LEASE,
                    Optional.empty(), httpPort);
        };
        return serverAddress.map(s::withServerAddress).orElse(s);
    }
}
