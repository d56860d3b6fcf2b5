package org.streamboot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.streamboot.server.admin.AdminException;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.config.Setting;
import picocli.CommandLine;

/** The network options of serve fix what they name; the stored settings fill in the rest. */
class NetworkOptionsTest {

    private static ServerConfig parse(String... args) {
        ServerOptions options = new ServerOptions();
        new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return options.toConfig();
    }

    @Test
    void onlyTheOptionsGivenAreFixed() {
        ServerConfig none = parse("--data-dir", "/tmp/sb-net-test");
        assertThat(none.fixed()).isEmpty();
        assertThat(none.dhcpMode()).as("the built-in default until a stored setting says otherwise").isEqualTo(DhcpMode.PROXY);

        ServerConfig all = parse("--data-dir", "/tmp/sb-net-test", "--bind", "127.0.0.1", "--dhcp", "full",
                "--dhcp-range", "10.0.0.100-10.0.0.199");
        assertThat(all.fixed()).containsExactlyInAnyOrder(Setting.NETWORK_BIND, Setting.DHCP_MODE, Setting.DHCP_RANGE);
        assertThat(parse("--data-dir", "/tmp/sb-net-test", "--dhcp", "off").fixed()).containsExactly(Setting.DHCP_MODE);
        ServerConfig ports = parse("--data-dir", "/tmp/sb-net-test", "--iscsi-port", "3261", "--ipxe-dir", "/srv/ipxe");
        assertThat(ports.fixed()).containsExactlyInAnyOrder(Setting.ISCSI_PORT, Setting.IPXE_DIR);
        assertThat(ports.ports().iscsi()).isEqualTo(3261);
        assertThat(ports.ports().http()).isEqualTo(8080);
    }

    @Test
    void fullModeNamedOnTheCommandLineStillNeedsARangeThere() {
        assertThatThrownBy(() -> parse("--data-dir", "/tmp/sb-net-test", "--dhcp", "full"))
                .isInstanceOf(AdminException.class).hasMessageContaining("--dhcp-range");
    }
}
