package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * iPXE's IPv6 wait (notes, bite 1), measured with the server's router advertisements on and
 * off: the time from the start of the ROM's {@code ifconf} ("Configuring (net0 ...)", which
 * sends DHCPDISCOVER; full mode answers with no-pxedhcp, so DHCPACK follows within tens of
 * milliseconds) to its script fetch. {@code ifconf} reports the IPv4 lease only once IPv6
 * autoconfiguration has ended, so the wait lies before the lease line. The numbers go to
 * docs/benchmarks.md ("iPXE IPv6 wait").
 */
@Tag("e2e")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class Ipv6WaitTest {

    static final String MAC = "52:54:00:13:00:06";

    @RegisterExtension
    final BootRig rig = new BootRig();

    @ParameterizedTest(name = "--ipv6-ra {0}")
    @ValueSource(strings = {"on", "off"})
    void leaseToScriptFetch(String ra) throws Exception {
        rig.cli("client", "add", "--mac", MAC, "--name", "pc06");
        rig.startServer("--dhcp", "full", "--dhcp-range", "10.213.0.100-10.213.0.150", "--ipv6-ra", ra);
        assertThat(rig.server().output()).contains(ra.equals("on") ? "IPv6 router advertisements (no router, no prefix) on br0"
                : "IPv6 router advertisements are off");

        try (QemuPc pc = rig.bootPc(MAC)) {
            SerialTranscript.Marker configuring = pc.await("Configuring \\(net0 " + MAC + "\\)", Duration.ofSeconds(60));
            SerialTranscript.Marker lease = pc.await("net0: (10\\.213\\.0\\.1[0-4][0-9])/255\\.255\\.255\\.0", configuring.end(),
                    Duration.ofSeconds(40));
            SerialTranscript.Marker script = pc.await(MAC + "\\.ipxe : \\d+ bytes \\[script\\]", lease.end(), Duration.ofSeconds(40));
            double seconds = (script.after().toMillis() - configuring.after().toMillis()) / 1000.0;
            System.out.printf("E2E TIMING ipv6-ra-%s ifconf->lease %.2f s, ifconf->script %.2f s%n", ra,
                    (lease.after().toMillis() - configuring.after().toMillis()) / 1000.0, seconds);
            if (ra.equals("on")) {
                assertThat(seconds).as("with router advertisements iPXE does not wait").isLessThan(3.0);
            } else {
                assertThat(seconds).as("without them iPXE waits for IPv6 autoconfiguration").isGreaterThan(8.0);
            }
        }
    }
}
