package org.streamboot.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One test's network segment, made of namespaces: the server's (a bridge with 10.213.77.1/24),
 * the client's (a veth on that bridge, with the client's MAC) and, on request, a third host on
 * the same bridge. Also starts the DHCP service (its own JVM) in the server namespace.
 * {@link #close()} stops what it started by its process handle and deletes the namespaces.
 */
final class DhcpNetns implements AutoCloseable {

    static final String SERVER_IP = "10.213.77.1";
    static final String CLIENT_MAC = "52:54:00:77:00:01";

    private final String tag = Long.toString(ProcessHandle.current().pid() % 100000);
    final String serverNs = "sbdhcp-s" + tag;
    final String clientNs = "sbdhcp-c" + tag;
    final String hostNs = "sbdhcp-h" + tag;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Process server;

    /** Skips the calling test unless it runs as root with iproute2 and the given tools. */
    static void assumeTools(String... tools) {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create network namespaces");
        assumeTrue(onPath("ip"), "needs iproute2 (ip)");
        for (String tool : tools) {
            assumeTrue(onPath(tool), "needs " + tool + " on the PATH");
        }
        assumeTrue(Files.exists(Path.of("target/runtime-classpath.txt")), "needs target/runtime-classpath.txt from the build");
    }

    DhcpNetns() throws Exception {
        try {
            build();
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    private void build() throws Exception {
        add(serverNs);
        add(clientNs);
        run("ip", "-n", serverNs, "link", "add", "br0", "type", "bridge");
        run("ip", "-n", serverNs, "addr", "add", SERVER_IP + "/24", "dev", "br0");
        run("ip", "-n", serverNs, "link", "set", "br0", "up");
        run("ip", "-n", serverNs, "link", "add", "vs", "type", "veth", "peer", "name", "vc", "netns", clientNs);
        run("ip", "-n", serverNs, "link", "set", "vs", "master", "br0");
        run("ip", "-n", serverNs, "link", "set", "vs", "up");
        setClientMac(CLIENT_MAC);
        // Without a default route a broadcast from a 0.0.0.0 socket fails with ENETUNREACH.
        run("ip", "-n", serverNs, "route", "add", "broadcast", "255.255.255.255", "dev", "br0", "scope", "link", "table", "local");
    }

    /** A third machine on the segment (e.g. the office router's DHCP server), interface "vh". */
    void addHost(String cidr) throws Exception {
        add(hostNs);
        run("ip", "-n", serverNs, "link", "add", "vhb", "type", "veth", "peer", "name", "vh", "netns", hostNs);
        run("ip", "-n", serverNs, "link", "set", "vhb", "master", "br0");
        run("ip", "-n", serverNs, "link", "set", "vhb", "up");
        run("ip", "-n", hostNs, "addr", "add", cidr, "dev", "vh");
        run("ip", "-n", hostNs, "link", "set", "vh", "up");
    }

    void setClientMac(String mac) throws Exception {
        run("ip", "-n", clientNs, "link", "set", "vc", "down");
        run("ip", "-n", clientNs, "link", "set", "vc", "address", mac);
        run("ip", "-n", clientNs, "link", "set", "vc", "up");
    }

    /** Starts a process inside a namespace; it is killed on close if still running. */
    Process start(String ns, Path log, String... cmd) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    /** The DHCP service in the server namespace (see {@link DhcpInteropServerMain} for the arguments). */
    void startServer(String... args) throws Exception {
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

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.getOutputStream().close();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        for (String ns : namespaces.reversed()) {
            new ProcessBuilder("ip", "netns", "del", ns).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void add(String ns) throws Exception {
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + output);
        }
    }
}
