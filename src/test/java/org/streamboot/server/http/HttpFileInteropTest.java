package org.streamboot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.files.JailedDirectory;
import org.streamboot.server.net.EventLoops;
import org.streamboot.server.net.ServiceRunner;
import org.streamboot.server.net.ServiceState;
import org.streamboot.testing.Tools;

/** Boot files over a real socket against curl: HEAD, ranges, escapes refused, a big file byte-exact (sendfile). */
@Timeout(120)
class HttpFileInteropTest {

    /** Bigger than any socket buffer and not a round number, so sendfile runs in many partial writes. */
    static final int BIG = 48 * 1024 * 1024 + 4321;

    @TempDir
    static Path temp;
    static Path root;
    static byte[] big;
    static EventLoops loops;
    static ServiceRunner runner;
    static String url;
    static final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(temp.resolve("tftp"));
        big = new byte[BIG];
        new Random(BIG).nextBytes(big);
        Files.write(root.resolve("ipxe.efi"), big);
        Files.writeString(temp.resolve("secret"), "secret\n");
        Files.createSymbolicLink(root.resolve("escape"), temp.resolve("secret"));
        HttpFileListener listener = new HttpFileListener() {
            @Override
            public void sent(Download d) {
                events.add("sent " + d.file() + " " + d.length());
            }

            @Override
            public void refused(InetSocketAddress client, String file, int status, String reason) {
                events.add("refused " + file + " " + status);
            }
        };
        StaticFiles files = new StaticFiles(new JailedDirectory(root), Set.of("ipxe.efi"), listener);
        loops = new EventLoops();
        runner = new ServiceRunner(new HttpService(0, HttpRoutes.firstOf(List.of(HttpRoutes.HEALTH)), null, files));
        assertThat(runner.start(loops, InetAddress.getLoopbackAddress()).state()).isEqualTo(ServiceState.RUNNING);
        url = "http://127.0.0.1:" + runner.boundPort(0);
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.stop();
        }
        if (loops != null) {
            loops.close();
        }
    }

    private static Tools.Result curl(String... args) throws Exception {
        return Tools.curl(temp, args);
    }

    @Test
    void headGivesSizeAndAcceptRanges() throws Exception {
        Tools.Result r = curl("-I", url + "/ipxe.efi");
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output().toLowerCase()).contains("http/1.1 200 ok").contains("content-length: " + BIG)
                .contains("accept-ranges: bytes");
    }

    @Test
    void rangeIsExact() throws Exception {
        Path out = temp.resolve("range.bin");
        Tools.Result r = curl("-r", "1000000-1999999", "-o", out.toString(), "-w", "%{http_code}", url + "/files/ipxe.efi");
        assertThat(r.output()).isEqualTo("206");
        assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOfRange(big, 1_000_000, 2_000_000));
    }

    @Test
    void bigFileArrivesByteExact() throws Exception {
        Path out = temp.resolve("whole.bin");
        Tools.Result r = curl("-o", out.toString(), "-w", "%{http_code} %{size_download}", url + "/files/ipxe.efi");
        assertThat(r.output()).isEqualTo("200 " + BIG);
        assertThat(Arrays.equals(Files.readAllBytes(out), big)).as("downloaded bytes equal the file").isTrue();
        assertThat(events).contains("sent ipxe.efi " + BIG);
    }

    @Test
    void escapesAreRefusedAndTheServerGoesOn() throws Exception {
        // --path-as-is: curl would otherwise squash "/../" itself and never send it.
        assertThat(curl("--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", url + "/files/../secret").output()).isEqualTo("403");
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", url + "/files/%2e%2e/secret").output()).isEqualTo("403");
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", url + "/files/escape").output()).isEqualTo("403");
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", url + "/files/ipxe.efi%00").output()).isEqualTo("403");
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", url + "/files/missing.efi").output()).isEqualTo("404");
        assertThat(curl(url + "/health").output()).isEqualTo("ok\n");
        assertThat(events).contains("refused ../secret 403", "refused escape 403", "refused missing.efi 404");
    }
}
