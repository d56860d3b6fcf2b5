package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scenario images checked on their own: QEMU boots each from a local IDE disk, no network.
 * This proves the checksum sector and the Linux image work, so that when a network scenario
 * fails the fault lies on the network path, not in the image.
 */
@Tag("e2e")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TestImagesBootLocallyTest {

    @RegisterExtension
    final BootRig rig = new BootRig();

    @Test
    void checksumSectorPrintsTheSumsJavaComputedAndPowersOff() throws Exception {
        ChecksumDisk disk = ChecksumDisk.build(rig.work().resolve("checksum.img"), 4, 0x5EED0001L);
        try (QemuPc pc = rig.bootLocal(disk.image())) {
            SerialTranscript.Marker end = pc.await("SB END", Duration.ofSeconds(60));
            BootRig.timing("local-checksum", "SB-END", end);
            assertThat(pc.awaitPowerOff(Duration.ofSeconds(20))).isZero();
            assertThat(pc.serialLog().lines().filter(l -> l.startsWith("SB 0")).toList())
                    .containsExactlyElementsOf(disk.expectedLines());
        }
    }

    @Test
    void aChangedByteChangesTheSums() throws Exception {
        ChecksumDisk a = ChecksumDisk.build(rig.work().resolve("a.img"), 1, 7);
        byte[] data = java.nio.file.Files.readAllBytes(a.image());
        // Swapping two bytes keeps the plain sum A, but not the position-sensitive B.
        byte t = data[600];
        data[600] = data[601];
        data[601] = t;
        String swapped = ChecksumDisk.sumLine(0, java.util.Arrays.copyOfRange(data, 512, 512 + (1 << 20)));
        assertThat(swapped).isNotEqualTo(a.expectedLines().getFirst());
        assertThat(swapped.split(" ")[2]).isEqualTo(a.expectedLines().getFirst().split(" ")[2]);
    }

    @Test
    void linuxImageBootsItsInitramfsAndFindsNoIbftWithoutIpxe() throws Exception {
        BootRig.requireLinuxImageTools();
        Path image = LinuxDisk.image();
        try (QemuPc pc = rig.bootLocal(image)) {
            SerialTranscript.Marker up = pc.await(LinuxDisk.UP, Duration.ofSeconds(120));
            BootRig.timing("local-linux", "LINUX-UP", up);
            pc.await("IBFT-ABSENT", up.end(), Duration.ofSeconds(30));
            pc.await(LinuxDisk.DONE, up.end(), Duration.ofSeconds(30));
            assertThat(pc.awaitPowerOff(Duration.ofSeconds(30))).isZero();
        }
    }
}
