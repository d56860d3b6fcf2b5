package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * S5: a PC with two vDisks gets iPXE's menu; nobody presses a key, so after the timeout the
 * default boots. Each vDisk is a checksum disk with its own data, so the sums the PC prints
 * say which one it really booted.
 */
@Tag("e2e")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BootMenuTest {

    static final String MAC = "52:54:00:13:00:15";

    @RegisterExtension
    final BootRig rig = new BootRig();

    private ChecksumDisk alpha;
    private ChecksumDisk beta;

    private void twoVdisksWithBetaAsDefault() throws Exception {
        // At least one CHS cylinder (255 x 63 sectors, 7.8 MiB): iPXE 1.0.0+git-20190125 fails to boot smaller SAN disks with EIO.
        alpha = ChecksumDisk.build(rig.work().resolve("alpha.img"), 8, 0xA1FAL);
        beta = ChecksumDisk.build(rig.work().resolve("beta.img"), 8, 0xBE7AL);
        rig.cli("client", "add", "--mac", MAC, "--name", "pc15");
        rig.cli("vdisk", "import", alpha.image().toString(), "--name", "alpha");
        rig.cli("vdisk", "import", beta.image().toString(), "--name", "beta");
        rig.cli("assign", "--client", "pc15", "--vdisk", "alpha");
        rig.cli("assign", "--client", "pc15", "--vdisk", "beta", "--default");
        rig.startServer("--dhcp", "full", "--dhcp-range", "10.213.0.100-10.213.0.150");
    }

    @Test
    void theMenuListsBothVdisksAndMarksTheDefault() throws Exception {
        twoVdisksWithBetaAsDefault();
        try (QemuPc pc = rig.bootPc(MAC)) {
            SerialTranscript.Marker menu = pc.await("Streamboot: pc15", Duration.ofSeconds(60));
            BootRig.timing("S5", "menu", menu);
            pc.await("alpha", menu.end(), Duration.ofSeconds(10));
            pc.await("beta \\(default\\)", menu.end(), Duration.ofSeconds(10));
            // Nobody chooses: after the timeout iPXE goes on to sanboot without a key press.
            SerialTranscript.Marker san = pc.await("(Could not open|Registered) SAN device", menu.end(), Duration.ofSeconds(30));
            BootRig.timing("S5", "sanboot-after-timeout", san);
            assertThat(san.after().minus(menu.after())).isGreaterThanOrEqualTo(Duration.ofMillis(4500));
        }
    }

    @Test
    void afterTheTimeoutTheDefaultVdiskBoots() throws Exception {
        twoVdisksWithBetaAsDefault();
        try (QemuPc pc = rig.bootPc(MAC)) {
            SerialTranscript.Marker menu = pc.await("Streamboot: pc15", Duration.ofSeconds(60));
            SerialTranscript.Marker end = pc.await("SB END|SB ERR \\w+", menu.end(), Duration.ofSeconds(60));
            BootRig.timing("S5", "SB-END", end);
            assertThat(end.text()).isEqualTo("SB END");
            assertThat(end.after().minus(menu.after())).isGreaterThanOrEqualTo(Duration.ofMillis(4500));
            var printed = pc.serialLog().lines().filter(l -> l.startsWith("SB 0")).toList();
            assertThat(printed).containsExactlyElementsOf(beta.expectedLines()).doesNotContainAnyElementsOf(alpha.expectedLines());
        }
    }
}
