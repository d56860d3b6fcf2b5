package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * S0: a BIOS PC with QEMU's iPXE ROM gets its DHCP answer (Streamboot as the only DHCP
 * server, or as proxyDHCP beside an office DHCP server), fetches its per-client script over
 * HTTP and tries {@code sanboot}. The ROM already is iPXE, so no TFTP download happens: the
 * server hands it the script URL directly (notes, bite 6).
 */
@Tag("e2e")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScriptFetchTest {

    static final String MAC = "52:54:00:13:00:01";

    @RegisterExtension
    final BootRig rig = new BootRig();

    @ParameterizedTest(name = "DHCP {0}")
    @ValueSource(strings = {"full", "proxy"})
    void biosIpxeFetchesItsScriptAndTriesSanboot(String mode) throws Exception {
        ChecksumDisk disk = ChecksumDisk.build(rig.work().resolve("disk1.img"), 1, 1);
        rig.cli("client", "add", "--mac", MAC, "--name", "pc01");
        rig.cli("vdisk", "import", disk.image().toString(), "--name", "disk1");
        rig.cli("assign", "--client", "pc01", "--vdisk", "disk1");
        if (mode.equals("full")) {
            rig.startServer("--dhcp", "full", "--dhcp-range", "10.213.0.100-10.213.0.150");
        } else {
            rig.startServer("--dhcp", "proxy");
            rig.startOfficeDhcp();
        }

        try (QemuPc pc = rig.bootPc(MAC)) {
            // Full mode leases from its range; in proxy mode the office server's range is used.
            String range = mode.equals("full") ? "10\\.213\\.0\\.1[0-4][0-9]" : "10\\.213\\.0\\.[56][0-9]";
            SerialTranscript.Marker lease = pc.await("net0: (" + range + ")/255\\.255\\.255\\.0", Duration.ofSeconds(60));
            BootRig.timing("S0-" + mode, "lease", lease);
            SerialTranscript.Marker script = pc.await(MAC + "\\.ipxe : \\d+ bytes \\[script\\]", lease.end(), Duration.ofSeconds(30));
            BootRig.timing("S0-" + mode, "script", script);
            SerialTranscript.Marker boots = pc.await("Streamboot: pc01 boots disk1", script.end(), Duration.ofSeconds(10));
            // Today the placeholder on 3260 resets the connection; with the target iPXE registers the disk.
            SerialTranscript.Marker sanboot = pc.await("(Could not open|Registered) SAN device", boots.end(), Duration.ofSeconds(30));
            BootRig.timing("S0-" + mode, "sanboot", sanboot);

            List<BootEventLog.Event> events = rig.events().awaitStages(MAC, Set.of("DHCP", "SCRIPT"), Duration.ofSeconds(10));
            assertThat(events).anySatisfy(e -> assertThat(e.stage()).isEqualTo("SCRIPT"));
            if (mode.equals("full")) {
                // Only full mode hands out the address; a proxy never sees the office server's lease.
                assertThat(rig.cli("client", "list", "--json")).contains("\"lastIp\" : \"" + lease.group(1) + "\"");
            }
        }
    }
}
