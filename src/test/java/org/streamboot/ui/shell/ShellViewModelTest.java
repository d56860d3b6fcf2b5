package org.streamboot.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.ServerConfig;

class ShellViewModelTest {

    @Test
    void titleAndStatusNameTheDataDirectoryAndDhcpMode() {
        ServerConfig config = ServerConfig.defaults(Path.of("/srv/streamboot"));
        ShellViewModel model = new ShellViewModel(config, ZoneOffset.UTC);
        assertThat(model.windowTitle()).isEqualTo("Streamboot — /srv/streamboot");
        assertThat(model.dataDirectory()).isEqualTo("Data: /srv/streamboot");
        assertThat(model.dhcpMode()).startsWith("DHCP: proxyDHCP");
        assertThat(model.updatedAt(Instant.parse("2026-11-20T14:30:05Z"))).isEqualTo("Updated 14:30:05");
    }

    @Test
    void everyDhcpModeIsDescribed() {
        assertThat(ShellViewModel.describe(DhcpMode.FULL)).contains("hands out addresses");
        assertThat(ShellViewModel.describe(DhcpMode.OFF)).startsWith("off");
    }
}
