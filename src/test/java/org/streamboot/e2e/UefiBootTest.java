package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * S6: a UEFI PC. OVMF's own PXE client asks with architecture 7 (EFI x64), downloads iPXE for
 * UEFI over TFTP, iPXE fetches the PC's script and sanboots an EFI vDisk over iSCSI: a unified
 * kernel image as \EFI\BOOT\BOOTX64.EFI ({@link UefiLinuxDisk}). Linux prints its marker and
 * finds the PC's identity in the iBFT, which under UEFI is an ACPI table.
 */
@Tag("e2e")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class UefiBootTest {

    static final String MAC = "52:54:00:13:00:16";

    @RegisterExtension
    final BootRig rig = new BootRig();

    // The firmware's FAT driver reads the 9 MB BOOTX64.EFI in one piece and iPXE EFI sends that
    // as one READ (10) of 18176 blocks (it ignores the Block Limits page). While the target's
    // maximum transfer was 8 MiB that read got INVALID FIELD IN CDB and iPXE reported "no
    // bootable file" (0x7f22208e). So this boot also covers reads of more than 8 MiB at once.
    @Test
    void ovmfBootsAnEfiVdiskOverIscsi() throws Exception {
        BootRig.requireLinuxImageTools();
        BootRig.requireOvmf();
        rig.cli("client", "add", "--mac", MAC, "--name", "pc16");
        rig.cli("vdisk", "import", UefiLinuxDisk.image().toString(), "--name", "uefi");
        rig.cli("assign", "--client", "pc16", "--vdisk", "uefi");
        // Debian's /usr/lib/ipxe/ipxe.efi is a symbolic link to /boot/ipxe.efi, which the TFTP
        // root rightly refuses to follow: serve plain copies of the iPXE programs instead.
        Path ipxe = Files.createDirectories(rig.work().resolve("ipxe"));
        for (String program : new String[] {"ipxe.efi", "snponly.efi", "undionly.kpxe"}) {
            Files.copy(Path.of("/usr/lib/ipxe", program).toRealPath(), ipxe.resolve(program));
        }
        rig.startServer("--dhcp", "full", "--dhcp-range", "10.213.0.100-10.213.0.150", "--ipxe-dir", ipxe.toString());

        try (QemuPc pc = rig.bootUefiPc(MAC)) {
            SerialTranscript.Marker up = pc.await(LinuxDisk.UP, Duration.ofSeconds(200));
            BootRig.timing("S6", "LINUX-UP", up);
            SerialTranscript.Marker host = pc.await("IBFT-HOSTNAME=(\\S*)\n|IBFT-ABSENT", up.end(), Duration.ofSeconds(30));
            assertThat(host.text()).isEqualTo("IBFT-HOSTNAME=pc16\n");
            pc.await(LinuxDisk.DONE, host.end(), Duration.ofSeconds(20));
            assertThat(pc.awaitPowerOff(Duration.ofSeconds(30))).isZero();

            List<BootEventLog.Event> events = rig.events().awaitStages(MAC, Set.of("DHCP", "FIRMWARE_DOWNLOAD", "SCRIPT"),
                    Duration.ofSeconds(10));
            BootRig.stageTimes("S6", events);
            assertThat(events).anySatisfy(e -> assertThat(e.detail()).contains("boot file ipxe.efi"));
            assertThat(events).anySatisfy(e -> {
                assertThat(e.stage()).isEqualTo("DHCP");
                assertThat(e.detail()).contains("UEFI");
            });
        }
    }
}
