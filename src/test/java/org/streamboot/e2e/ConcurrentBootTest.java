package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * S8: a classroom powering on. Four PCs the server has never seen (distinct MACs) boot at
 * once; the default policy registers each under its own pc-NN name and, having no vDisk yet,
 * tells it to wait. The admin then assigns one standard vDisk to all four; they boot it
 * concurrently, each prints the right sums, and each got a write cache of its own.
 */
@Tag("e2e")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConcurrentBootTest {

    static final List<String> MACS = List.of("52:54:00:13:08:01", "52:54:00:13:08:02", "52:54:00:13:08:03", "52:54:00:13:08:04");
    private static final Pattern CLIENT = Pattern.compile("\"name\" : \"(pc-\\d\\d)\"");

    @RegisterExtension
    final BootRig rig = new BootRig();

    @Test
    void fourNewPcsRegisterAndBootTheSameVdiskEachWithItsOwnWriteCache() throws Exception {
        ChecksumDisk disk = ChecksumDisk.build(rig.work().resolve("check.img"), 8, 0x5B0008L);
        rig.cli("vdisk", "import", disk.image().toString(), "--name", "lab");
        rig.startServer("--dhcp", "full", "--dhcp-range", "10.213.0.100-10.213.0.150");

        List<QemuPc> pcs = new ArrayList<>();
        for (String mac : MACS) {
            pcs.add(rig.bootPc(mac));
        }
        // The server's word that each PC got the "no vDisk yet, trying again" script.
        for (String mac : MACS) {
            rig.events().awaitStages(mac, Set.of("DHCP", "FAILED"), Duration.ofSeconds(120));
        }
        List<String> names = new ArrayList<>();
        Matcher m = CLIENT.matcher(rig.cli("client", "list", "--json"));
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).as("auto-registered names").hasSize(4).doesNotHaveDuplicates();
        for (String name : names) {
            rig.cli("assign", "--client", name, "--vdisk", "lab");
        }

        // The waiting scripts retry on their own: no PC is touched again.
        for (int i = 0; i < pcs.size(); i++) {
            QemuPc pc = pcs.get(i);
            SerialTranscript.Marker end = pc.await("SB END|SB ERR \\w+", Duration.ofSeconds(150));
            BootRig.timing("S8-pc" + (i + 1), "SB-END", end);
            assertThat(end.text()).as("PC %s", MACS.get(i)).isEqualTo("SB END");
            assertThat(pc.serialLog().lines().filter(l -> l.startsWith("SB 0")).toList()).as("sums of PC %s", MACS.get(i))
                    .containsExactlyElementsOf(disk.expectedLines());
        }
        for (int i = 0; i < pcs.size(); i++) {
            BootRig.stageTimes("S8-pc" + (i + 1), rig.events().awaitStages(MACS.get(i), Set.of("DHCP", "SCRIPT"), Duration.ofSeconds(10)));
        }

        Path caches = rig.dataDir().resolve("writecache").resolve("lab");
        try (Stream<Path> dirs = Files.list(caches)) {
            assertThat(dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(MACS.stream().map(mac -> mac.replace(":", "")).toList());
        }
    }
}
