package org.streamboot.server.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server against real TFTP clients on 127.0.0.1 (curl, atftp, busybox tftp). Each test
 * skips with a message when its client is not installed; CI installs curl, atftp and busybox.
 */
@Timeout(120)
class TftpInteropTest {

    @TempDir
    static Path temp;
    static Path root;
    static Path downloads;
    static TftpServerFixture server;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(temp.resolve("root"));
        downloads = Files.createDirectories(temp.resolve("downloads"));
        Files.createDirectories(root.resolve("efi"));
        write(root.resolve("efi/ipxe.efi"), 3 * 1024 * 1024 + 77);
        write(root.resolve("undionly.kpxe"), 71_234);
        write(root.resolve("exact.bin"), 1428 * 40);
        Files.createFile(root.resolve("empty.bin"));
        // More than 65535 blocks of 16 bytes: block numbers must roll over to 0.
        write(root.resolve("rollover.bin"), 66_000 * 16 + 5);
        Files.writeString(temp.resolve("secret.txt"), "not for clients");
        server = new TftpServerFixture(root, TftpSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void write(Path file, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Files.write(file, bytes);
    }

    private static String url(String name) {
        return "tftp://127.0.0.1:" + server.port + "/" + name;
    }

    private static void assertSameBytes(Path downloaded, String name) throws Exception {
        assertThat(Files.mismatch(downloaded, root.resolve(name))).as(name + " downloaded byte for byte").isEqualTo(-1L);
    }

    @Test
    void curlDownloadsWithBlksize1428() throws Exception {
        ExternalTool.require("curl", "curl");
        for (String name : List.of("efi/ipxe.efi", "exact.bin", "empty.bin")) {
            Path out = downloads.resolve("curl-" + name.replace('/', '_'));
            ExternalTool.Result r = ExternalTool.run(temp, 60, "curl", "-sS", "--tftp-blksize", "1428", "-o",
                    out.toString(), url(name));
            assertThat(r.exitCode()).as(name + ": " + r.output()).isZero();
            assertSameBytes(out, name);
        }
        assertThat(server.events("finished", "efi/ipxe.efi")).isNotEmpty();
    }

    @Test
    void atftpNegotiatesBlksizeAndTsize() throws Exception {
        ExternalTool.require("atftp", "atftp");
        Path out = downloads.resolve("atftp-undionly.kpxe");
        ExternalTool.Result r = ExternalTool.run(temp, 60, "atftp", "--option", "blksize 1428", "--option", "tsize 0",
                "-g", "-r", "undionly.kpxe", "-l", out.toString(), "127.0.0.1", Integer.toString(server.port));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertSameBytes(out, "undionly.kpxe");
        assertThat(server.events("started", "undionly.kpxe")).anyMatch(e -> e.detail().contains("blksize 1428"));
    }

    @Test
    void atftpWithWindowsize() throws Exception {
        ExternalTool.require("atftp", "atftp");
        Path out = downloads.resolve("atftp-window-ipxe.efi");
        ExternalTool.Result r = ExternalTool.run(temp, 60, "atftp", "--option", "blksize 1428", "--option", "tsize 0",
                "--option", "windowsize 8", "-g", "-r", "efi/ipxe.efi", "-l", out.toString(), "127.0.0.1",
                Integer.toString(server.port));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertSameBytes(out, "efi/ipxe.efi");
        assertThat(server.events("started", "efi/ipxe.efi")).anyMatch(e -> e.detail().contains("windowsize 8"));
    }

    @Test
    void busyboxTftpWithBlksize1428() throws Exception {
        ExternalTool.require("busybox", "busybox");
        Path out = downloads.resolve("busybox-exact.bin");
        ExternalTool.Result r = ExternalTool.run(temp, 60, "busybox", "tftp", "-b", "1428", "-g", "-r", "exact.bin",
                "-l", out.toString(), "127.0.0.1", Integer.toString(server.port));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertSameBytes(out, "exact.bin");
    }

    @Test
    void twentyFourConcurrentCurlDownloads() throws Exception {
        ExternalTool.require("curl", "curl");
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                String name = i % 2 == 0 ? "efi/ipxe.efi" : "undionly.kpxe";
                Path out = downloads.resolve("concurrent-" + i);
                Path log = downloads.resolve("concurrent-" + i + ".log");
                outs.add(out);
                logs.add(log);
                processes.add(ExternalTool.start(temp, log, List.of("curl", "-sS", "--tftp-blksize", "1428", "-o",
                        out.toString(), url(name))));
            }
            for (int i = 0; i < processes.size(); i++) {
                ExternalTool.Result r = ExternalTool.await(processes.get(i), logs.get(i), 90);
                assertThat(r.exitCode()).as("download %d: %s", i, r.output()).isZero();
                assertSameBytes(outs.get(i), i % 2 == 0 ? "efi/ipxe.efi" : "undionly.kpxe");
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void aFileOfMoreThan65535BlocksArrivesIntact() throws Exception {
        ExternalTool.require("curl", "curl");
        Path out = downloads.resolve("rollover.bin");
        ExternalTool.Result r = ExternalTool.run(temp, 100, "curl", "-sS", "--tftp-blksize", "16", "-o",
                out.toString(), url("rollover.bin"));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertSameBytes(out, "rollover.bin");
        assertThat(server.events("started", "rollover.bin")).anyMatch(e -> e.detail().contains("blksize 16"));
        // Seconds of lock-step blocks: the console hears progress, throttled, with growing byte counts.
        List<Long> progress = server.events("progress", "rollover.bin").stream().map(e -> Long.parseLong(e.detail())).toList();
        assertThat(progress).isNotEmpty().isSorted().hasSizeLessThan(200);
    }

    @Test
    void pathEscapesAndMissingFilesGetErrors() throws Exception {
        ExternalTool.require("curl", "curl");
        // --path-as-is keeps curl from squashing the dot segments itself.
        ExternalTool.Result escape = ExternalTool.run(temp, 30, "curl", "-sS", "--path-as-is", "-o",
                downloads.resolve("escape").toString(), url("../secret.txt"));
        assertThat(escape.exitCode()).as(escape.output()).isEqualTo(69); // CURLE_TFTP_PERM: ERROR 2
        assertThat(server.events("refused", "../secret.txt")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("'..'"));
        assertThat(downloads.resolve("escape")).doesNotExist();

        ExternalTool.Result missing = ExternalTool.run(temp, 30, "curl", "-sS", "-o",
                downloads.resolve("missing").toString(), url("nothing.here"));
        assertThat(missing.exitCode()).as(missing.output()).isEqualTo(68); // CURLE_TFTP_NOTFOUND: ERROR 1
    }

    @Test
    void writeRequestsAreRefused() throws Exception {
        ExternalTool.require("busybox", "busybox");
        Path local = Files.writeString(downloads.resolve("upload.txt"), "hello");
        ExternalTool.Result r = ExternalTool.run(temp, 30, "busybox", "tftp", "-p", "-l", local.toString(), "-r",
                "upload.txt", "127.0.0.1", Integer.toString(server.port));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("read-only");
        assertThat(root.resolve("upload.txt")).doesNotExist();
    }
}
