package org.streamboot.server.config;

import java.net.InetAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.dhcp.AddressRange;

/**
 * The network settings an admin stores in the database (listen address, DHCP mode, full-mode
 * range, the TCP ports PCs connect to, the iPXE directory), laid over a configuration: a value the configuration fixed itself (a command-line
 * option) wins, the stored one applies otherwise, the built-in default after that.
 */
public final class NetworkSettings {

    private static final Logger log = LoggerFactory.getLogger(NetworkSettings.class);

    private NetworkSettings() {
    }

    /** {@code config} with the stored network settings applied where it does not fix them. */
    public static ServerConfig resolve(ServerConfig config, SettingsStore store) {
        InetAddress bind = config.bindAddress();
        DhcpMode mode = config.dhcpMode();
        DhcpNetwork network = config.network();
        if (!config.fixed().contains(Setting.NETWORK_BIND)) {
            Optional<String> v = stored(store, Setting.NETWORK_BIND);
            if (v.isPresent()) {
                bind = AddressRange.ipv4(v.get());
            }
        }
        if (!config.fixed().contains(Setting.DHCP_MODE)) {
            Optional<String> v = stored(store, Setting.DHCP_MODE);
            if (v.isPresent()) {
                mode = DhcpMode.valueOf(v.get().toUpperCase(java.util.Locale.ROOT));
            }
        }
        if (!config.fixed().contains(Setting.DHCP_RANGE)) {
            Optional<String> v = stored(store, Setting.DHCP_RANGE);
            if (v.isPresent()) {
                network = new DhcpNetwork(Optional.of(AddressRange.parse(v.get())), network.mask(), network.router(),
                        network.dns(), network.serverAddress());
            }
        }
        Ports p = config.ports();
        p = new Ports(p.dhcp(), p.pxe(), p.tftp(), port(config, store, Setting.HTTP_PORT, p.http()),
                port(config, store, Setting.ISCSI_PORT, p.iscsi()), port(config, store, Setting.NBD_PORT, p.nbd()));
        Optional<java.nio.file.Path> ipxe = config.ipxeDir();
        if (!config.fixed().contains(Setting.IPXE_DIR)) {
            Optional<String> v = stored(store, Setting.IPXE_DIR);
            if (v.isPresent()) {
                ipxe = Optional.of(java.nio.file.Path.of(v.get()));
            }
        }
        return config.running(bind, mode, network, p, ipxe);
    }

    private static int port(ServerConfig config, SettingsStore store, Setting s, int fallback) {
        return config.fixed().contains(s) ? fallback : stored(store, s).map(Integer::parseInt).orElse(fallback);
    }

    /**
     * Why these values cannot run together, or empty when they can. Full DHCP without a range
     * is refused: handing out addresses nobody chose is how an office network breaks.
     */
    public static Optional<String> conflict(DhcpMode mode, Optional<String> range) {
        if (mode == DhcpMode.FULL && range.map(String::isBlank).orElse(true)) {
            return Optional.of("full DHCP needs an address range (FIRST-LAST) to hand out");
        }
        return Optional.empty();
    }

    /** The stored value when it checks; a value that does not (edited by hand) is ignored, loudly. */
    private static Optional<String> stored(SettingsStore store, Setting s) {
        Optional<String> raw = store.get(s.key);
        if (raw.isEmpty() || raw.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(s.validate(raw.get()));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring the stored setting {}: {}", s.key, e.getMessage());
            return Optional.empty();
        }
    }
}
