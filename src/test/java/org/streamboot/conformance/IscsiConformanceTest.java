package org.streamboot.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.BootServer;
import org.streamboot.server.admin.Who;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.Ports;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.model.Iqn;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.server.vdisk.ImportProgress;
import org.streamboot.server.vdisk.VdiskLayout;
import org.streamboot.server.vdisk.VdiskStore;
import org.streamboot.testing.CuResults;
import org.streamboot.testing.CuResults.Outcome;
import org.streamboot.testing.Tgtd;
import org.streamboot.testing.Tools;

/**
 * libiscsi's conformance suite against Streamboot and against tgtd, on the same disk image in
 * the same run. Streamboot must pass every test tgtd passes; the side-by-side table is written
 * to target/conformance.md (docs/conformance.md keeps a copy of a run).
 */
@Tag("conformance")
@Timeout(600)
class IscsiConformanceTest {

    /** libiscsi's default initiator name; both paths of the multipath tests use it, so they see one view. */
    static final String INITIATOR = "iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-test";
    static final List<String> FAMILIES = List.of("SCSI", "iSCSI");

    /**
     * Tests tgtd passes that Streamboot does not pass yet (see docs/conformance.md for why).
     * The test fails when anything else is missed, and reports gaps that have closed so that
     * this list only shrinks.
     */
    static final Set<String> KNOWN_GAPS = Set.of(); // every test tgtd passes, Streamboot passes

    @TempDir
    Path work;

    @Test
    void noNewGapsAgainstTgtd() throws Exception {
        assumeTrue(Tools.onPath("iscsi-test-cu"), "iscsi-test-cu (Debian libiscsi-bin) is not installed");
        assumeTrue(Tgtd.available(), "tgtd (Debian tgt) is not installed");
        assumeTrue(Tools.root(), "tgtd needs root");
        Path image = work.resolve("disk.img");
        byte[] data = new byte[64 << 20];
        new Random(3260).nextBytes(data);
        Files.write(image, data);
        Path tgtdImage = work.resolve("tgtd.img");
        Files.copy(image, tgtdImage);

        ServerConfig config = ServerConfig.defaults(work.resolve("data")).withBindAddress(InetAddress.getLoopbackAddress())
                .withDhcpMode(DhcpMode.OFF).withPorts(new Ports(0, 0, 0, 0, 0, 0));
        CuResults ours;
        CuResults theirs;
        try (BootServer server = BootServer.open(config)) {
            new VdiskStore(server.database(), new VdiskLayout(config.dataDir()), Clock.systemUTC())
                    .importImage(image, "conformance", VdiskMode.STANDARD, false, ImportProgress.Listener.NONE, () -> false);
            server.admin().addClient("52:54:00:c0:ff:ee", "libiscsi", null, INITIATOR);
            server.admin().assign(new Who.Client("libiscsi"), "conformance", false);
            server.start();
            String url = "iscsi://127.0.0.1:" + server.boundPort("iSCSI") + "/" + Iqn.forVdisk("conformance") + "/0";
            ours = runSuite(url);
        }
        try (Tgtd tgtd = Tgtd.start(tgtdImage)) {
            theirs = runSuite(tgtd.url());
        }
        String table = table(ours, theirs);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "conformance.md"), table);
        System.out.println(table);

        Set<String> missed = new TreeSet<>(theirs.with(Outcome.PASSED));
        missed.removeAll(ours.with(Outcome.PASSED));
        Set<String> closed = new TreeSet<>(KNOWN_GAPS);
        closed.removeAll(missed);
        if (!closed.isEmpty()) {
            System.out.println("Known gaps now closed (remove them from KNOWN_GAPS): " + closed);
        }
        missed.removeAll(KNOWN_GAPS);
        assertThat(missed).as("tests tgtd passes but Streamboot does not (new regressions)").isEmpty();
        assertThat(ours.tests()).hasSizeGreaterThan(200);
    }

    private static CuResults runSuite(String url) throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        for (String family : FAMILIES) {
            List<String> command = ignoringSigpipe("iscsi-test-cu", "--dataloss", "-i", INITIATOR, "-I", INITIATOR,
                    "--test=" + family, url);
            Tools.Result run = Tools.run(Duration.ofMinutes(4), command);
            if (!run.output().contains("Run Summary")) {
                // Seen once in CI (the iSCSI family ended before its summary, the rest "not run"):
                // keep what it printed for diagnosis, and give the family one more run.
                String o = run.output();
                System.out.println("CONFORMANCE RETRY " + family + " on " + url + " (exit " + run.code()
                        + "), the run ended before its summary; its last output:\n"
                        + o.substring(Math.max(0, o.length() - 4000)));
                run = Tools.run(Duration.ofMinutes(4), command);
            }
            out.append(run.output()).append('\n');
        }
        out.append(Tools.run(Duration.ofMinutes(2), ignoringSigpipe("iscsi-test-cu", "--dataloss", "-i", INITIATOR, "-I",
                INITIATOR, "--test=SCSI.MultipathIO", url, url)).output());
        return CuResults.parse(out.toString().replace("Suite: MultipathIO", "Suite: MultipathIO-two-paths"));
    }

    /**
     * The suite's own tests make targets close connections (a corrupt DataSN ends the connection
     * at ErrorRecoveryLevel 0); iscsi-test-cu does not ignore SIGPIPE, so a write racing that
     * close killed the whole run (exit 141) and the rest of the family went unreported. An
     * initiator ignores SIGPIPE and reconnects; so does the suite here (the disposition survives
     * exec), for both targets alike.
     */
    private static List<String> ignoringSigpipe(String... command) {
        List<String> out = new ArrayList<>(List.of("bash", "-c", "trap '' PIPE; exec \"$@\"", "--"));
        out.addAll(List.of(command));
        return out;
    }

    private static String table(CuResults ours, CuResults theirs) {
        Set<String> all = new TreeSet<>(ours.tests().keySet());
        all.addAll(theirs.tests().keySet());
        List<String> lines = new ArrayList<>();
        lines.add("| | Streamboot | tgtd |");
        lines.add("|---|---|---|");
        for (Outcome o : Outcome.values()) {
            lines.add("| " + o.name().toLowerCase() + " | " + ours.count(o) + " | " + theirs.count(o) + " |");
        }
        lines.add("");
        lines.add("| test | Streamboot | tgtd |");
        lines.add("|---|---|---|");
        for (String t : all) {
            Outcome a = ours.tests().get(t);
            Outcome b = theirs.tests().get(t);
            if (a != b || a != Outcome.PASSED) {
                lines.add("| " + t + " | " + name(a) + " | " + name(b) + " |");
            }
        }
        lines.add("");
        lines.add("Tests both pass are not listed.");
        return String.join("\n", lines) + "\n";
    }

    private static String name(Outcome o) {
        return o == null ? "not run" : o.name().toLowerCase();
    }
}
