package org.streamboot.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service against a real DHCP client: busybox udhcpc in one network namespace,
 * the DHCP service (its own JVM) in another, joined by a veth pair with 10.213.77.0/24 on it.
 * Needs root, iproute2 and busybox; skipped otherwise.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DhcpNetnsInteropTest {

    private static final String SERVER_IP = "10.213.77.1";
    private static final String CLIENT_MAC = "52:54:00:77:00:01";

    private final String tag = Long.toString(ProcessHandle.current().pid() % 100000);
    private final String serverNs = "sbdhcp-s" + tag;
    private final String clientNs = "sbdhcp-c" + tag;
    private Process server;

    @TempDir
    Path dir;

    @BeforeEach
    void namespaces() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create network namespaces");
        assumeTrue(onPath("ip"), "needs iproute2 (ip)");
        assumeTrue(onPath("busybox"), "needs busybox (udhcpc)");
        assumeTrue(Files.exists(Path.of("target/runtime-classpath.txt")), "needs target/runtime-classpath.txt from the build");
        run("ip", "netns", "add", serverNs);
        run("ip", "netns", "add", clientNs);
        run("ip", "-n", serverNs, "link", "add", "vs", "type", "veth", "peer", "name", "vc", "netns", clientNs);
        run("ip", "-n", clientNs, "link", "set", "vc", "address", CLIENT_MAC);
        run("ip", "-n", serverNs, "addr", "add", SERVER_IP + "/24", "dev", "vs");
        for (String ns : List.of(serverNs, clientNs)) {
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        run("ip", "-n", serverNs, "link", "set", "vs", "up");
        run("ip", "-n", clientNs, "link", "set", "vc", "up");
        // Without a default route a broadcast from a 0.0.0.0 socket fails with ENETUNREACH.
        run("ip", "-n", serverNs, "route", "add", "broadcast", "255.255.255.255", "dev", "vs", "scope", "link", "table", "local");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null) {
            server.getOutputStream().close();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        for (String ns : List.of(clientNs, serverNs)) {
            new ProcessBuilder("ip", "netns", "del", ns).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void fullModeHandsUdhcpcAnAddressAndTheBootFile() throws Exception {
        startServer("full", "10.213.77.100", "10.213.77.110", "10.213.77.254");
        List<String> events = udhcpc("-V", TestPackets.BIOS_VENDOR);
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("bound ")
                .contains(" ip=10.213.77.100 ", " siaddr=" + SERVER_IP + " ", " boot_file=undionly.kpxe ",
                        " serverid=" + SERVER_IP + " ", " subnet=255.255.255.0 ", " router=10.213.77.254 "));
    }

    @Test
    void fullModeTellsIpxeItsScriptAndNoPxeDhcp() throws Exception {
        startServer("full", "10.213.77.100", "10.213.77.110", "10.213.77.254");
        List<String> events = udhcpc("-V", TestPackets.BIOS_VENDOR, "-x", "175:b10101", "-O", "175");
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("bound ")
                .contains(" ip=10.213.77.100 ", " boot_file=http://" + SERVER_IP + ":8080/boot/" + CLIENT_MAC + ".ipxe ",
                        " opt175=b00101 "));
    }

    @Test
    void proxyModeNamesTheBootFileButNeverAnAddress() throws Exception {
        startServer("proxy");
        List<String> events = udhcpc("-V", TestPackets.BIOS_VENDOR, "-x", "175:b10101", "-O", "175");
        // udhcpc takes the proxy offer as if it were a lease: what it binds shows what we sent.
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("bound ")
                .contains(" ip=0.0.0.0 ", " siaddr=" + SERVER_IP + " ", " serverid=" + SERVER_IP + " ",
                        " boot_file=http://" + SERVER_IP + ":8080/boot/" + CLIENT_MAC + ".ipxe ", " opt175= "));
    }

    @Test
    void proxyModeStaysSilentForClientsThatAreNotPxe() throws Exception {
        startServer("proxy");
        List<String> events = udhcpc("-V", "MSFT 5.0");
        assertThat(events).noneMatch(e -> e.startsWith("bound "));
        // The client really asked, three times, and gave up.
        assertThat(Files.readString(dir.resolve("udhcpc.log"))).contains("broadcasting discover").contains("no lease");
    }

    private List<String> udhcpc(String... extra) throws Exception {
        Path out = dir.resolve("events.txt");
        Path script = dir.resolve("script.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 ip=$ip siaddr=$siaddr boot_file=$boot_file serverid=$serverid"
                + " subnet=$subnet router=$router opt175=$opt175 \" >> " + out + "\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", clientNs, "busybox", "udhcpc", "-f", "-q", "-n",
                "-i", "vc", "-t", "3", "-T", "1", "-s", script.toString()));
        cmd.addAll(List.of(extra));
        Process client = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("udhcpc.log").toFile()).start();
        try {
            assertThat(client.waitFor(30, TimeUnit.SECONDS)).as("udhcpc finished").isTrue();
        } finally {
            client.destroyForcibly();
        }
        return Files.exists(out) ? Files.readAllLines(out) : List.of();
    }

    private void startServer(String... args) throws Exception {
        String cp = "target/classes:target/test-classes:" + Files.readString(Path.of("target/runtime-classpath.txt")).strip();
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", serverNs,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                DhcpInteropServerMain.class.getName()));
        cmd.addAll(List.of(args));
        server = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("READY") || line.startsWith("FAILED")) {
                        return line;
                    }
                }
                return "EOF";
            } catch (IOException e) {
                return "EOF " + e;
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(ready).startsWith("READY");
        Thread.ofVirtual().start(() -> lines.lines().forEach(l -> { }));
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + output);
        }
    }
}
