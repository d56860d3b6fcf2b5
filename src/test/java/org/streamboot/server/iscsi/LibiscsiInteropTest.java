package org.streamboot.server.iscsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.net.EventLoops;
import org.streamboot.server.net.ServiceRunner;
import org.streamboot.server.net.ServiceState;

/**
 * The target against libiscsi's tools (Debian libiscsi-bin) and QEMU's libiscsi block driver
 * (qemu-block-extra) on 127.0.0.1 with an ephemeral port. Skipped when a tool is missing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LibiscsiInteropTest {

    static final String DISK = "iqn.2026-11.org.streamboot:vdisk.win11";
    static final String OTHER = "iqn.2026-11.org.streamboot:vdisk.ubuntu";
    static final String SECURED = "iqn.2026-11.org.streamboot:vdisk.secured";
    static final String CHAP_INITIATOR = "iqn.2026-11.org.streamboot:client.chap";
    static final int SIZE = 8 << 20;

    static EventLoops loops;
    static ServiceRunner runner;
    static MemoryDirectory directory;
    static int port;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        directory = new MemoryDirectory().target(DISK, new byte[SIZE]).target(OTHER, new byte[SIZE])
                .target(SECURED, new byte[1 << 20]).allow(SECURED, CHAP_INITIATOR)
                .chap(CHAP_INITIATOR, ChapCredentials.oneWay("pxeuser", "pxe-secret-123"));
        loops = new EventLoops();
        runner = new ServiceRunner(new IscsiService(0, directory));
        assertThat(runner.start(loops, InetAddress.getLoopbackAddress()).state()).isEqualTo(ServiceState.RUNNING);
        port = runner.boundPort(0);
    }

    @AfterAll
    static void stop() {
        runner.stop();
        loops.close();
    }

    static String url(String target) {
        return "iscsi://127.0.0.1:" + port + "/" + target + "/0";
    }

    @Test
    void discoveryListsEveryTargetWithThePortalAndItsLun() throws Exception {
        Run r = run("iscsi-ls", "iscsi://127.0.0.1:" + port);
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("Target:" + DISK + " Portal:127.0.0.1:" + port + ",1")
                .contains("Target:" + OTHER + " Portal:127.0.0.1:" + port + ",1")
                .contains("Target:" + SECURED + " Portal:127.0.0.1:" + port + ",1");
        // With -s it logs in to each target and lists its LUNs: as the CHAP client, which every target admits.
        Run luns = run("iscsi-ls", "-s", "-i", CHAP_INITIATOR, "iscsi://pxeuser%pxe-secret-123@127.0.0.1:" + port);
        assertThat(luns.exit).as(luns.output).isZero();
        for (String target : List.of(DISK, OTHER, SECURED)) {
            assertThat(luns.output).containsPattern("Target:" + target + "[^\\n]*\\n\\s*Lun:0");
        }
    }

    @Test
    void inquiryAndReadCapacity() throws Exception {
        Run inq = run("iscsi-inq", url(DISK));
        assertThat(inq.exit).as(inq.output).isZero();
        assertThat(inq.output).contains("STRMBOOT").contains("MEMORY DISK");
        Run cap = run("iscsi-readcapacity16", url(DISK));
        assertThat(cap.exit).as(cap.output).isZero();
        assertThat(cap.output).contains(Integer.toString(SIZE / 512 - 1)).contains("512");
    }

    @Test
    void qemuWritesAndReadsBackByteExact() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/qemu/block-iscsi.so")),
                "qemu-block-extra (QEMU's iSCSI driver) is not installed");
        byte[] content = new byte[SIZE];
        new Random(7).nextBytes(content);
        Path in = Files.write(dir.resolve("in.img"), content);
        Path out = dir.resolve("out.img");
        Run write = run("qemu-img", "convert", "-n", "-f", "raw", "-O", "raw", in.toString(), url(OTHER));
        assertThat(write.exit).as(write.output).isZero();
        Run read = run("qemu-img", "convert", "-f", "raw", "-O", "raw", url(OTHER), out.toString());
        assertThat(read.exit).as(read.output).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(content);
        assertThat(directory.view("iqn.2008-11.org.linux-kvm", OTHER).device().snapshot()).isEqualTo(content);
    }

    @Test
    void chapLoginWithTheRightSecretSucceedsAndWithAWrongOneFails() throws Exception {
        String good = "iscsi://pxeuser%pxe-secret-123@127.0.0.1:" + port + "/" + SECURED + "/0";
        String bad = "iscsi://pxeuser%wrong-secret@127.0.0.1:" + port + "/" + SECURED + "/0";
        Run ok = run("iscsi-inq", "-i", CHAP_INITIATOR, good);
        assertThat(ok.exit).as(ok.output).isZero();
        assertThat(ok.output).contains("STRMBOOT");
        Run refused = run("iscsi-inq", "-i", CHAP_INITIATOR, bad);
        assertThat(refused.exit).as(refused.output).isNotZero();
        Run noChap = run("iscsi-inq", "-i", CHAP_INITIATOR, url(SECURED));
        assertThat(noChap.exit).as(noChap.output).isNotZero();
        Run stranger = run("iscsi-inq", "-i", "iqn.2026-11.org.streamboot:client.stranger", good);
        assertThat(stranger.exit).as(stranger.output).isNotZero();
    }

    /**
     * libiscsi's iSCSI families. Write*Residuals are left out: a write's residual needs the CDB's
     * own transfer length, which only the SCSI layer knows (see the report); iSCSIDataSnInvalid
     * fails 1 of 4 asserts here as it does against tgtd.
     */
    @Test
    void libiscsiConformanceIscsiFamilies() throws Exception {
        // Whole families: LUNResetSimpleAsync relies on a flag that AbortTaskSimpleAsync sets first.
        for (String family : List.of("iSCSI.iSCSIcmdsn", "iSCSI.iSCSITMF", "iSCSI.iSCSIResiduals")) {
            Run r = run("iscsi-test-cu", "--dataloss", "--test=" + family, url(DISK));
            List<String> tests = family.endsWith("Residuals")
                    ? List.of("Read10Invalid", "Read10Residuals", "Read16Residuals")
                    : family.endsWith("cmdsn") ? List.of("iSCSICmdSnTooHigh", "iSCSICmdSnTooLow")
                    : List.of("AbortTaskSimpleAsync", "LUNResetSimpleAsync");
            for (String name : tests) {
                assertThat(r.output).as(r.output).containsPattern("Test: " + name + " \\.\\.\\.\\s*passed");
            }
        }
    }

    record Run(int exit, String output) {
    }

    static Run run(String... command) throws IOException, InterruptedException {
        assumeTrue(onPath(command[0]), command[0] + " is not installed (Debian libiscsi-bin / qemu-utils)");
        List<String> cmd = new ArrayList<>(List.of("timeout", "60"));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(70, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
