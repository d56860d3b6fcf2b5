package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * S7: proxyDHCP, the default role. The office router (busybox udhcpd in its own namespace on
 * the same segment) hands out the address; Streamboot only adds the boot information. The S1
 * checksum boot must pass unchanged: every byte of the vDisk arrives intact.
 */
@Tag("e2e")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProxyDhcpChecksumBootTest {

    static final String MAC = "52:54:00:13:00:17";

    @RegisterExtension
    final BootRig rig = new BootRig();

    @Test
    void officeServerLeasesStreambootBootsAndTheSumsMatch() throws Exception {
        ChecksumDisk disk = ChecksumDisk.build(rig.work().resolve("check.img"), 8, 0x5B0007L);
        rig.cli("client", "add", "--mac", MAC, "--name", "pc17");
        rig.cli("vdisk", "import", disk.image().toString(), "--name", "check8");
        rig.cli("assign", "--client", "pc17", "--vdisk", "check8");
        rig.startServer("--dhcp", "proxy");
        rig.startOfficeDhcp();

        try (QemuPc pc = rig.bootPc(MAC)) {
            // The address comes from udhcpd's pool (.50-.60), never from Streamboot.
            SerialTranscript.Marker lease = pc.await("net0: (10\\.213\\.0\\.(5[0-9]|60))/255\\.255\\.255\\.0", Duration.ofSeconds(60));
            BootRig.timing("S7", "lease", lease);
            SerialTranscript.Marker start = pc.await("SB START", lease.end(), Duration.ofSeconds(60));
            BootRig.timing("S7", "sector-runs", start);
            SerialTranscript.Marker end = pc.await("SB END|SB ERR \\w+", start.end(), Duration.ofSeconds(90));
            BootRig.timing("S7", "SB-END", end);
            assertThat(end.text()).isEqualTo("SB END");
            assertThat(pc.awaitPowerOff(Duration.ofSeconds(20))).isZero();
            assertThat(pc.serialLog().lines().filter(l -> l.startsWith("SB 0")).toList())
                    .containsExactlyElementsOf(disk.expectedLines());

            List<BootEventLog.Event> events = rig.events().awaitStages(MAC, Set.of("DHCP", "SCRIPT"), Duration.ofSeconds(10));
            BootRig.stageTimes("S7", events);
            // The proxy never leased, so the address it knows is the one the script request came from.
            assertThat(rig.cli("client", "list", "--json")).contains("\"lastIp\" : \"" + lease.group(1) + "\"");
        }
    }
}
