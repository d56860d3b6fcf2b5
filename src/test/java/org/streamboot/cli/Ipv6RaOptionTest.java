package org.streamboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.streamboot.server.config.Ipv6Advertising;
import picocli.CommandLine;

/** {@code --ipv6-ra on|off}, and "auto" when not given. */
class Ipv6RaOptionTest {

    private static Ipv6Advertising parse(String... args) {
        ServerOptions options = new ServerOptions();
        new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return options.toConfig().ipv6Advertising();
    }

    @Test
    void onOffAndTheDefault() {
        assertThat(parse("--data-dir", "/tmp/sb-ra-test")).isEqualTo(Ipv6Advertising.AUTO);
        assertThat(parse("--data-dir", "/tmp/sb-ra-test", "--ipv6-ra", "off")).isEqualTo(Ipv6Advertising.OFF);
        assertThat(parse("--data-dir", "/tmp/sb-ra-test", "--ipv6-ra", "on")).isEqualTo(Ipv6Advertising.ON);
    }
}
