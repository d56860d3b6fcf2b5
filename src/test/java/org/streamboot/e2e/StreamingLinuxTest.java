package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * S3 and S4: Linux boots from an iSCSI vDisk, then attaches the same vDisk over NBD as this PC
 * ({@link StreamingLinuxDisk}, {@code e2e/init-nbd.sh}).
 * <ul>
 *   <li>S3, the OS streams the rest: it hashes a file the bootloader never read; the hash equals
 *       the file's, and the server logs the PC's own address opening its per-client export.
 *       (The live block map is in the server's memory only; what the server shows outside is
 *       its log and the boot events, so the assertion is on those.)</li>
 *   <li>S4, write cache: the PC writes a mark and powers off; the same PC boots again. Standard
 *       vDisk: the mark is gone and the base image is byte-for-byte unchanged. Persistent
 *       vDisk: the mark is still there, and still only in this PC's view. Private vDisk: the
 *       mark is still there, kept in the vDisk's private layer, and the base is unchanged.</li>
 * </ul>
 */
@Tag("e2e")
@Timeout(value = 360, unit = TimeUnit.SECONDS)
class StreamingLinuxTest {

    static final String MAC = "52:54:00:13:00:13";

    @RegisterExtension
    final BootRig rig = new BootRig();

    /** Imports the streaming image as vDisk "stream" with {@code importOptions} (its mode), assigns it, starts the server. */
    private StreamingLinuxDisk prepare(String... importOptions) throws Exception {
        BootRig.requireLinuxImageTools();
        StreamingLinuxDisk disk = StreamingLinuxDisk.cached();
        rig.cli("client", "add", "--mac", MAC, "--name", "pc13");
        List<String> vdiskImport = new ArrayList<>(List.of("vdisk", "import", disk.image().toString(), "--name", "stream"));
        vdiskImport.addAll(List.of(importOptions));
        rig.cli(vdiskImport.toArray(String[]::new));
        rig.cli("assign", "--client", "pc13", "--vdisk", "stream");
        rig.startServer("--dhcp", "full", "--dhcp-range", "10.213.0.100-10.213.0.150");
        return disk;
    }

    /** What one boot printed: the mark it found, and the base's mark after its own write. */
    private record Boot(String markBefore, String baseMark, String streamSha256, String ip) {
    }

    private Boot boot(String scenario) throws Exception {
        try (QemuPc pc = rig.bootPc(MAC, "e1000")) {
            SerialTranscript.Marker up = pc.await(LinuxDisk.UP, Duration.ofSeconds(150));
            BootRig.timing(scenario, "LINUX-UP", up);
            // Each pattern ends at the line's end: the line may still be arriving when it is first seen.
            SerialTranscript.Marker as = pc.await("NBD-AS ip=(\\S+) host=(\\S*) vdisk=(\\S*) server=\\S+\n|STREAMBOOT-FAIL.*\n", up.end(), Duration.ofSeconds(30));
            assertThat(as.text()).startsWith("NBD-AS").contains("host=pc13 vdisk=stream");
            SerialTranscript.Marker sum = pc.await("STREAM-SHA256=(\\w*)\n|STREAMBOOT-FAIL.*\n", as.end(), Duration.ofSeconds(60));
            BootRig.timing(scenario, "STREAM-READ", sum);
            SerialTranscript.Marker before = pc.await("MARK-BEFORE=([A-Z0-9-]*)\n", sum.end(), Duration.ofSeconds(20));
            SerialTranscript.Marker written = pc.await("MARK-WRITTEN\n|STREAMBOOT-FAIL.*\n", before.end(), Duration.ofSeconds(20));
            assertThat(written.text()).isEqualTo("MARK-WRITTEN\n");
            SerialTranscript.Marker base = pc.await("BASE-MARK=([A-Z0-9-]*)\n|STREAMBOOT-FAIL.*\n", written.end(), Duration.ofSeconds(20));
            pc.await(LinuxDisk.DONE, base.end(), Duration.ofSeconds(20));
            assertThat(pc.awaitPowerOff(Duration.ofSeconds(30))).isZero();
            return new Boot(before.group(1), base.group(1), sum.group(1), as.group(1));
        }
    }

    @Test
    void standardVdiskStreamsOverNbdAndForgetsThePcsWritesAtItsNextBoot() throws Exception {
        StreamingLinuxDisk disk = prepare();
        String baseBefore = sha256(rig.dataDir().resolve("vdisks/stream/v1.raw"));
        assertThat(baseBefore).isEqualTo(sha256(disk.image()));

        Boot first = boot("S3");
        // S3: the bytes of a file no bootloader touched, read by Linux over NBD, are the file's.
        assertThat(first.streamSha256()).isEqualTo(disk.streamSha256());
        rig.server().awaitLine("NBD client /" + first.ip() + ":", Duration.ofSeconds(5));
        assertThat(rig.server().output()).contains("NBD client /" + first.ip()).contains("uses export 'stream/pc13'")
                .contains("uses export 'stream'");
        BootRig.stageTimes("S3", rig.events().awaitStages(MAC, Set.of("DHCP", "SCRIPT"), Duration.ofSeconds(10)));
        assertThat(first.markBefore()).isEqualTo(StreamingLinuxDisk.BASE_MARK);
        assertThat(first.baseMark()).as("the shared base never sees a client's write").isEqualTo(StreamingLinuxDisk.BASE_MARK);

        Boot second = boot("S4-standard");
        assertThat(second.markBefore()).as("standard mode: the write cache is discarded at the next boot")
                .isEqualTo(StreamingLinuxDisk.BASE_MARK);
        assertThat(second.streamSha256()).isEqualTo(disk.streamSha256());
        assertThat(sha256(rig.dataDir().resolve("vdisks/stream/v1.raw"))).isEqualTo(baseBefore);
    }

    @Test
    void persistentVdiskKeepsThePcsWritesAcrossBoots() throws Exception {
        StreamingLinuxDisk disk = prepare("--persistent");
        String baseBefore = sha256(rig.dataDir().resolve("vdisks/stream/v1.raw"));

        Boot first = boot("S4-persistent-1");
        assertThat(first.markBefore()).isEqualTo(StreamingLinuxDisk.BASE_MARK);
        Boot second = boot("S4-persistent-2");
        assertThat(second.markBefore()).as("persistent: the write cache survives the reboot").isEqualTo(StreamingLinuxDisk.CLIENT_MARK);
        assertThat(second.baseMark()).as("still only in this PC's view").isEqualTo(StreamingLinuxDisk.BASE_MARK);
        assertThat(second.streamSha256()).isEqualTo(disk.streamSha256());
        assertThat(sha256(rig.dataDir().resolve("vdisks/stream/v1.raw"))).isEqualTo(baseBefore);
    }

    @Test
    void privateVdiskKeepsThePcsWritesInItsOwnLayerAcrossBoots() throws Exception {
        StreamingLinuxDisk disk = prepare("--mode", "private");
        String baseBefore = sha256(rig.dataDir().resolve("vdisks/stream/v1.raw"));

        Boot first = boot("S4-private-1");
        assertThat(first.markBefore()).isEqualTo(StreamingLinuxDisk.BASE_MARK);
        Boot second = boot("S4-private-2");
        assertThat(second.markBefore()).as("private: the PC's write survives the reboot").isEqualTo(StreamingLinuxDisk.CLIENT_MARK);
        assertThat(second.baseMark()).as("the read-only base export does not show the private layer").isEqualTo(StreamingLinuxDisk.BASE_MARK);
        assertThat(second.streamSha256()).isEqualTo(disk.streamSha256());
        assertThat(sha256(rig.dataDir().resolve("vdisks/stream/v1.raw"))).isEqualTo(baseBefore);
        // Private mode writes into the vDisk's own private layer, never into a per-PC write cache.
        try (Stream<Path> layer = Files.list(rig.dataDir().resolve("vdisks/stream/private"))) {
            assertThat(layer.toList()).as("the private layer holds the PC's writes").isNotEmpty();
        }
        assertThat(rig.dataDir().resolve("writecache/stream")).doesNotExist();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
