package org.streamboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vdisk maintain|promote|rollback|merge|versions} as an admin types them. */
class VdiskVersionCommandsTest {

    @TempDir
    Path dir;
    @TempDir
    Path work;

    record Run(int code, String out, String err) {
    }

    Run run(String... args) {
        AdminRun r = AdminRun.of(dir, args);
        return new Run(r.code(), r.out(), r.err());
    }

    Run ok(String... args) {
        Run r = run(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }

    @Test
    void maintainPromoteRollbackAndMergeFromTheCommandLine() throws Exception {
        byte[] image = new byte[2 << 20];
        new Random(3).nextBytes(image);
        Path file = work.resolve("disk.img");
        Files.write(file, image);
        ok("vdisk", "import", file.toString(), "--name", "win11");
        ok("client", "add", "--mac", "52:54:00:00:00:01", "--name", "pc1");
        ok("client", "add", "--mac", "52:54:00:00:00:02", "--name", "pc2");
        ok("assign", "--client", "pc1", "--vdisk", "win11");

        Run unassigned = run("vdisk", "maintain", "win11", "--client", "pc2");
        assertThat(unassigned.code()).isEqualTo(2);
        assertThat(unassigned.err()).contains("not assigned");

        assertThat(ok("vdisk", "maintain", "win11", "--client", "pc1").out()).contains("draft v2 over v1", "pc1");
        assertThat(ok("vdisk", "list").out()).contains("maintenance", "v1 v2(draft)");
        assertThat(ok("vdisk", "promote", "win11").out()).contains("v2 is current");
        assertThat(ok("vdisk", "list").out()).containsPattern("win11\\s+standard\\s+2\\.0 MiB\\s+2\\s+v1 v2");
        assertThat(ok("vdisk", "rollback", "win11").out()).contains("v1 is current");
        assertThat(ok("vdisk", "versions", "win11").out()).contains("VERSION", "retired", "vdisks/win11/v2");

        Run merged = ok("vdisk", "merge", "win11");
        assertThat(merged.out()).contains("merged into v3");
        assertThat(merged.err()).contains("Merging win11: 100%");
        var versions = new ObjectMapper().readTree(ok("vdisk", "versions", "win11", "--json").out());
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("number").asInt()).isEqualTo(3);
        assertThat(Files.readAllBytes(dir.resolve("vdisks/win11/v3.raw"))).isEqualTo(image);

        Run nothing = run("vdisk", "merge", "win11");
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to merge");
    }
}
