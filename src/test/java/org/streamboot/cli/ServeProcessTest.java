package org.streamboot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.testing.ServerProcess;

/** {@code streamboot serve} run as a real process: bind, log, serve, stop on SIGTERM. */
class ServeProcessTest {

    private static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** Every port moved to an ephemeral one on loopback, so the test needs no privileges; {@code overrides} are option/value pairs. */
    static List<String> loopbackArgs(Path dataDir, String... overrides) {
        Map<String, String> ports = new java.util.LinkedHashMap<>();
        for (String option : List.of("--dhcp-port", "--pxe-port", "--tftp-port", "--http-port", "--iscsi-port", "--nbd-port")) {
            ports.put(option, "0");
        }
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            ports.put(overrides[i], overrides[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--bind", "127.0.0.1"));
        ports.forEach((option, value) -> args.addAll(List.of(option, value)));
        return args;
    }

    @Test
    void servesOnLoopbackAcceptsAdminCommandsMeanwhileAndStopsWithExitZeroOnSigterm() throws Exception {
        List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(loopbackArgs(dir));
        try (ServerProcess server = ServerProcess.start(args.toArray(String[]::new))) {
            server.awaitLine("Streamboot is ready", START);
            for (String service : List.of("DHCP", "TFTP", "HTTP", "iSCSI", "NBD")) {
                assertThat(server.addressOf(service)).startsWith("127.0.0.1:");
            }
            assertThat(server.addressOf("DHCP")).contains(", 127.0.0.1:").endsWith("/udp"); // 67 and 4011 in proxy mode

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.portOf("HTTP") + "/health"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok\n");

            // The admin CLI works on the same data directory while the server holds it open.
            try (ServerProcess add = ServerProcess.start("client", "add", "--mac", "52:54:00:aa:bb:17", "--name", "pc17",
                    "--data-dir", dir.toString())) {
                assertThat(add.awaitExit(START)).as(add.output()).isZero();
            }
            try (ServerProcess list = ServerProcess.start("client", "list", "--json", "--data-dir", dir.toString())) {
                assertThat(list.awaitExit(START)).isZero();
                assertThat(list.output()).contains("\"name\" : \"pc17\"");
            }

            server.terminate();
            assertThat(server.awaitExit(START)).as(server.output()).isZero();
            assertThat(server.output()).contains("SIGTERM received").contains("database closed");
        }
    }

    @Test
    void headlessFlagOnThePlainCommandServesToo() throws Exception {
        List<String> args = new ArrayList<>(List.of("--headless", "--dhcp", "off"));
        args.addAll(loopbackArgs(dir));
        try (ServerProcess server = ServerProcess.start(args.toArray(String[]::new))) {
            server.awaitLine("Streamboot is ready", START);
            assertThat(server.output()).contains("DHCP disabled").contains("HTTP listening on 127.0.0.1:");
            server.terminate();
            assertThat(server.awaitExit(START)).isZero();
        }
    }

    @Test
    void aPortInUseStopsTheServerWithAPlainMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> args = new ArrayList<>(List.of("serve"));
            args.addAll(loopbackArgs(dir, "--iscsi-port", Integer.toString(taken.getLocalPort())));
            try (ServerProcess server = ServerProcess.start(args.toArray(String[]::new))) {
                assertThat(server.awaitExit(START)).isEqualTo(1);
                assertThat(server.output()).contains("streamboot: iSCSI cannot start: port " + taken.getLocalPort()
                        + "/tcp is already in use by another program");
            }
        }
    }

    @Test
    void aPrivilegedPortWithoutRootNamesTheCapability() throws Exception {
        List<String> prefix = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is needed to drop root");
            prefix = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all");
        }
        // procfs reports size 0, so read it as a stream rather than with Files.readString.
        int unprivilegedStart;
        try (var in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start"))) {
            unprivilegedStart = Integer.parseInt(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip());
        }
        assumeTrue(unprivilegedStart > 67, "this kernel lets everyone bind port 67");
        Path shared = Files.createTempDirectory("streamboot-nobody");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(loopbackArgs(shared, "--dhcp-port", "67"));
        String classPath = ServerProcess.copyClassPathTo(shared);
        try (var walk = Files.walk(shared)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        try (ServerProcess server = ServerProcess.start(classPath, prefix, Map.of("HOME", shared.toString()), args.toArray(String[]::new))) {
            assertThat(server.awaitExit(START)).as(server.output()).isEqualTo(1);
            assertThat(server.output()).contains("streamboot: DHCP cannot start: port 67 needs root or CAP_NET_BIND_SERVICE");
        } finally {
            try (var files = Files.walk(shared)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
