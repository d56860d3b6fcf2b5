package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * S1: integrity. A BIOS PC boots the checksum vDisk over iSCSI; its boot sector reads 8 MiB
 * through INT 13h (which iPXE turns into iSCSI reads) and prints per-MiB sums that must equal
 * the ones computed here from the imported image: every byte arrived, in its place.
 */
@Tag("e2e")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IscsiChecksumBootTest {

    static final String MAC = "52:54:00:13:00:11";

    @RegisterExtension
    final BootRig rig = new BootRig();

    @Test
    void everyByteOfTheVdiskReachesThePcIntact() throws Exception {
        ChecksumDisk disk = ChecksumDisk.build(rig.work().resolve("check.img"), 8, 0x5B0001L);
        rig.cli("client", "add", "--mac", MAC, "--name", "pc11");
        rig.cli("vdisk", "import", disk.image().toString(), "--name", "check8");
        rig.cli("assign", "--client", "pc11", "--vdisk", "check8");
        rig.startServer("--dhcp", "full", "--dhcp-range", "10.213.0.100-10.213.0.150");

        try (QemuPc pc = rig.bootPc(MAC)) {
            SerialTranscript.Marker start = pc.await("SB START", Duration.ofSeconds(60));
            BootRig.timing("S1", "sector-runs", start);
            SerialTranscript.Marker end = pc.await("SB END|SB ERR \\w+", start.end(), Duration.ofSeconds(90));
            BootRig.timing("S1", "SB-END", end);
            assertThat(end.text()).isEqualTo("SB END");
            assertThat(pc.awaitPowerOff(Duration.ofSeconds(20))).isZero();
            assertThat(pc.serialLog().lines().filter(l -> l.startsWith("SB 0")).toList())
                    .containsExactlyElementsOf(disk.expectedLines());
            rig.events().awaitStages(MAC, Set.of("DHCP", "SCRIPT"), Duration.ofSeconds(10));
        }
    }
}
