package org.streamboot.server.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.block.CowOverlay;
import org.streamboot.server.block.RawImage;
import org.streamboot.testing.Tools;

/**
 * The server against the real NBD clients on 127.0.0.1: libnbd's nbdinfo, nbdcopy and nbdsh
 * (Debian libnbd-bin, python3-libnbd) and QEMU's block layer (qemu-utils). Each test skips with
 * a message when its tool is missing; CI installs them.
 */
@Timeout(180)
class NbdInteropTest {

    /** Not a multiple of 4096, so the last request of a copy is a short one. */
    static final int SIZE = 8 * 1024 * 1024 + 7 * 512;

    @TempDir
    static Path temp;
    static Path base;
    static NbdServerFixture server;

    @BeforeAll
    static void start() throws Exception {
        byte[] content = new byte[SIZE];
        new Random(SIZE).nextBytes(content);
        base = Files.write(temp.resolve("base.img"), content);
        server = new NbdServerFixture(Map.of(
                "ro", RawImage.open(base),
                "rw", CowOverlay.open(Files.createDirectories(temp.resolve("rw")), RawImage.open(base), 64L << 20),
                "tiny", CowOverlay.open(Files.createDirectories(temp.resolve("tiny")), RawImage.open(base), 256 * 1024)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Tools.Result run(String... command) throws Exception {
        return Tools.run(temp, 60, command);
    }

    private static void assertOk(Tools.Result r) {
        assertThat(r.code()).as(r.output()).isZero();
    }

    /**
     * nbdsh starts "python3" from PATH, which need not be the Debian interpreter that has the
     * nbd module; run it with Debian's python explicitly.
     */
    private static void requireNbdsh() throws Exception {
        Tools.require("nbdsh", "python3-libnbd");
        Tools.Result probe = run("/usr/bin/python3", "-c", "import nbd");
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.code() == 0,
                "/usr/bin/python3 lacks the nbd module; skipping (apt-get install python3-libnbd)");
    }

    private static Tools.Result nbdsh(String export, String script) throws Exception {
        return run("/usr/bin/python3", "-m", "nbd", "-u", server.uri(export), "-c", script);
    }

    @Test
    void nbdinfoDescribesTheReadOnlyExport() throws Exception {
        Tools.require("nbdinfo", "libnbd-bin");
        Tools.Result r = run("nbdinfo", server.uri("ro"));
        assertOk(r);
        assertThat(r.output()).contains("export-size: " + SIZE).contains("is_read_only: true")
                .contains("can_flush: true").contains("can_multi_conn: true")
                .contains("description: test export ro").contains("protocol: newstyle-fixed")
                .contains("block_size_maximum: " + (32 * 1024 * 1024));
        Tools.Result rw = run("nbdinfo", server.uri("rw"));
        assertOk(rw);
        assertThat(rw.output()).contains("is_read_only: false").contains("can_fua: true").contains("can_trim: true")
                .contains("can_zero: true").contains("can_multi_conn: false");
    }

    @Test
    void nbdinfoListsExportsAndReportsUnknownOnes() throws Exception {
        Tools.require("nbdinfo", "libnbd-bin");
        Tools.Result r = run("nbdinfo", "--list", "nbd://127.0.0.1:" + server.port);
        assertOk(r);
        assertThat(r.output()).contains("export=\"ro\"").contains("export=\"rw\"").contains("export=\"tiny\"");
        Tools.Result missing = run("nbdinfo", server.uri("nope"));
        assertThat(missing.code()).as(missing.output()).isNotZero();
        // libnbd reports NBD_REP_ERR_UNKNOWN as ENOENT.
        assertThat(missing.output()).contains("No such file or directory for export: nope");
    }

    @Test
    void nbdcopyReadsTheExportByteForByte() throws Exception {
        Tools.require("nbdcopy", "libnbd-bin");
        Path out = temp.resolve("copy-ro.raw");
        assertOk(run("nbdcopy", "--requests=32", server.uri("ro"), out.toString()));
        assertThat(Files.mismatch(out, base)).isEqualTo(-1L);
    }

    @Test
    void nbdcopyWritesIntoTheOverlayAndReadsItBack() throws Exception {
        Tools.require("nbdcopy", "libnbd-bin");
        byte[] fresh = new byte[SIZE];
        new Random(99).nextBytes(fresh);
        Path in = Files.write(temp.resolve("fresh.raw"), fresh);
        assertOk(run("nbdcopy", in.toString(), server.uri("rw")));
        Path back = temp.resolve("back.raw");
        assertOk(run("nbdcopy", server.uri("rw"), back.toString()));
        assertThat(Files.mismatch(back, in)).as("written data read back").isEqualTo(-1L);
        assertThat(Files.mismatch(base, in)).as("base image untouched").isNotEqualTo(-1L);
    }

    @Test
    void qemuImgReadsInfoAndConvertsFromTheExport() throws Exception {
        Tools.require("qemu-img", "qemu-utils");
        Tools.Result info = run("qemu-img", "info", server.uri("ro"));
        assertOk(info);
        assertThat(info.output()).contains("(" + SIZE + " bytes)");
        Path out = temp.resolve("qemu.raw");
        assertOk(run("qemu-img", "convert", "-f", "raw", "-O", "raw", server.uri("ro"), out.toString()));
        assertThat(Files.mismatch(out, base)).isEqualTo(-1L);
    }

    @Test
    void readOnlyExportRefusesAWriteWithEperm() throws Exception {
        requireNbdsh();
        // Strict mode off: libnbd would otherwise refuse the write itself, without asking the server.
        String script = """
                import errno
                h.set_strict_mode(0)
                for name, call in [("write", lambda: h.pwrite(b"x" * 512, 0)),
                                   ("beyond", lambda: h.pread(512, %d)),
                                   ("trim", lambda: h.trim(4096, 0))]:
                    try:
                        call()
                        print(name, "OK")
                    except nbd.Error as e:
                        print(name, errno.errorcode.get(e.errno, e.errno))
                print("size", h.get_size())
                """.formatted(SIZE);
        Tools.Result r = nbdsh("ro", script);
        assertOk(r);
        assertThat(r.output()).contains("write EPERM").contains("beyond EINVAL").contains("trim EPERM")
                .contains("size " + SIZE);
        assertThat(Files.mismatch(base, temp.resolve("base.img"))).isEqualTo(-1L);
    }

    @Test
    void fullOverlayAnswersEnospc() throws Exception {
        requireNbdsh();
        String script = """
                import errno
                try:
                    h.pwrite(b"y" * (1024 * 1024), 0)
                    print("write OK")
                except nbd.Error as e:
                    print("write", errno.errorcode.get(e.errno, e.errno))
                print("read", h.pread(4, 0) == b"y" * 4)
                """;
        Tools.Result r = nbdsh("tiny", script);
        assertOk(r);
        assertThat(r.output()).contains("write ENOSPC").contains("read False");
    }
}
