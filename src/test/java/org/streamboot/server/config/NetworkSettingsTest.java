package org.streamboot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.BootServer;
import org.streamboot.server.db.Database;
import org.streamboot.server.dhcp.AddressRange;
import org.streamboot.server.net.ServiceState;
import org.streamboot.server.net.ServiceStatus;

class NetworkSettingsTest {

    @TempDir
    Path dir;

    @Test
    void storedSettingsApplyWhereTheCommandLineIsSilentAndItWinsWhereItSpeaks() {
        try (Database db = Database.open(dir)) {
            SettingsStore store = new SettingsStore(db);
            store.put(Setting.NETWORK_BIND.key, "127.0.0.1");
            store.put(Setting.DHCP_MODE.key, "full");
            store.put(Setting.DHCP_RANGE.key, "10.0.0.100-10.0.0.199");

            ServerConfig silent = NetworkSettings.resolve(ServerConfig.defaults(dir), store);
            assertThat(silent.bindAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(silent.dhcpMode()).isEqualTo(DhcpMode.FULL);
            assertThat(silent.network().range()).contains(AddressRange.parse("10.0.0.100-10.0.0.199"));

            ServerConfig told = NetworkSettings.resolve(ServerConfig.defaults(dir).withDhcpMode(DhcpMode.OFF), store);
            assertThat(told.dhcpMode()).as("--dhcp off wins").isEqualTo(DhcpMode.OFF);
            assertThat(told.bindAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(told.fixed()).containsExactly(Setting.DHCP_MODE);

            store.put(Setting.NETWORK_BIND.key, "not-an-address"); // edited by hand: ignored, never fatal
            assertThat(NetworkSettings.resolve(ServerConfig.defaults(dir), store).bindAddress().isAnyLocalAddress()).isTrue();
        }
    }

    @Test
    void storedPortsAndIpxeDirectoryApplyUnlessTheCommandLineNamesThem() {
        try (Database db = Database.open(dir)) {
            SettingsStore store = new SettingsStore(db);
            store.put(Setting.ISCSI_PORT.key, "3261");
            store.put(Setting.HTTP_PORT.key, "8081");
            store.put(Setting.IPXE_DIR.key, "/srv/ipxe");

            ServerConfig silent = NetworkSettings.resolve(ServerConfig.defaults(dir), store);
            assertThat(silent.ports().iscsi()).isEqualTo(3261);
            assertThat(silent.ports().http()).isEqualTo(8081);
            assertThat(silent.ports().nbd()).isEqualTo(Ports.DEFAULTS.nbd());
            assertThat(silent.ipxeDir()).contains(Path.of("/srv/ipxe"));

            ServerConfig told = NetworkSettings.resolve(ServerConfig.defaults(dir)
                    .withPorts(new Ports(67, 4011, 69, 0, 0, 0)).withIpxeDir(Path.of("/opt/ipxe")), store);
            assertThat(told.ports().iscsi()).as("ports given by the caller win").isZero();
            assertThat(told.ipxeDir()).contains(Path.of("/opt/ipxe"));
        }
    }

    @Test
    void valuesAreCheckedAndFullModeNeedsARange() {
        assertThat(Setting.DHCP_MODE.validate("FULL")).isEqualTo("full");
        assertThatThrownBy(() -> Setting.DHCP_MODE.validate("on")).hasMessageContaining("proxy, full, off");
        assertThat(Setting.DHCP_RANGE.validate(" 10.0.0.9 - 10.0.0.20 ")).isEqualTo("10.0.0.9-10.0.0.20");
        assertThatThrownBy(() -> Setting.DHCP_RANGE.validate("10.0.0.20-10.0.0.9")).hasMessageContaining("ends before");
        assertThatThrownBy(() -> Setting.NETWORK_BIND.validate("eth0")).hasMessageContaining("not an IPv4 address");
        assertThat(NetworkSettings.conflict(DhcpMode.FULL, Optional.empty())).isPresent();
        assertThat(NetworkSettings.conflict(DhcpMode.FULL, Optional.of("10.0.0.9-10.0.0.20"))).isEmpty();
        assertThat(NetworkSettings.conflict(DhcpMode.PROXY, Optional.empty())).isEmpty();
    }

    @Test
    void aNewDhcpModeRestartsDhcpAtOnceAndANewListenAddressWaitsForARestart() throws Exception {
        ServerConfig config = ServerConfig.defaults(dir).withBindAddress(InetAddress.getLoopbackAddress())
                .withPorts(new Ports(0, 0, 0, 0, 0, 0));
        try (BootServer server = BootServer.open(config)) {
            server.start();
            assertThat(dhcp(server).state()).isEqualTo(ServiceState.RUNNING);
            int proxyPort = server.boundPort("DHCP");

            server.settings().put(Setting.DHCP_MODE.key, "off");
            assertThat(server.applyNetworkSettings()).isEqualTo(new BootServer.NetworkApplied(true, false));
            assertThat(dhcp(server).state()).isEqualTo(ServiceState.DISABLED);
            try (DatagramSocket freed = bindWithin(proxyPort, 3_000)) {
                assertThat(freed.isBound()).as("the proxy socket was closed").isTrue();
            }

            server.settings().put(Setting.DHCP_MODE.key, "full");
            server.settings().put(Setting.DHCP_RANGE.key, "127.0.0.100-127.0.0.110");
            server.applyNetworkSettings();
            assertThat(dhcp(server).state()).isEqualTo(ServiceState.RUNNING);
            assertThat(server.config().dhcpMode()).isEqualTo(DhcpMode.FULL);

            server.settings().remove(Setting.DHCP_RANGE.key);
            server.applyNetworkSettings();
            assertThat(dhcp(server).state()).as("full mode without a range refuses to start").isEqualTo(ServiceState.FAILED);
            assertThat(dhcp(server).problem()).contains("range");

            server.settings().put(Setting.NETWORK_BIND.key, "10.9.9.9");
            assertThat(server.applyNetworkSettings().restartNeeded())
                    .as("the loopback bind is fixed by the configuration").isFalse();
        }
        // Without a bind address of its own, a stored one applies after a restart.
        try (BootServer server = BootServer.open(ServerConfig.defaults(dir).withDhcpMode(DhcpMode.OFF))) {
            assertThat(server.config().bindAddress().getHostAddress()).isEqualTo("10.9.9.9");
            server.settings().put(Setting.NETWORK_BIND.key, "10.9.9.8");
            assertThat(server.applyNetworkSettings()).isEqualTo(new BootServer.NetworkApplied(false, true));
            assertThat(server.config().bindAddress().getHostAddress()).as("unchanged until the restart").isEqualTo("10.9.9.9");
        }
    }

    private static ServiceStatus dhcp(BootServer server) {
        return server.services().getFirst();
    }

    /** Binds the port once it is free, trying for a while: an ephemeral port may be taken for a moment by anything. */
    private static DatagramSocket bindWithin(int port, long millis) throws Exception {
        long until = System.currentTimeMillis() + millis;
        while (true) {
            try {
                return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (java.net.BindException e) {
                if (System.currentTimeMillis() > until) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
