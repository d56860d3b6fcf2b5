package org.streamboot.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A private Ethernet segment for one test: network namespace {@code sbe2e-PID} holding a
 * bridge with {@value #SERVER_IP}/24, a tap that QEMU attaches to, and optionally a second
 * namespace playing the office router (a veth into the bridge). Nothing is routed out of it;
 * {@link #close()} deletes the namespaces, which also removes every interface in them.
 */
final class BootNetwork implements AutoCloseable {

    static final String SERVER_IP = "10.213.0.1";
    static final String ROUTER_IP = "10.213.0.254";
    static final String BRIDGE = "br0";
    static final String TAP = "tap0";

    private final String name;
    private final String routerName;
    private final List<String> created = new ArrayList<>();

    private BootNetwork(String suffix) {
        this.name = "sbe2e-" + suffix;
        this.routerName = "sbe2r-" + suffix;
    }

    static BootNetwork create() throws IOException, InterruptedException {
        BootNetwork net = new BootNetwork(Long.toString(ProcessHandle.current().pid()));
        try {
            net.setUp();
            return net;
        } catch (IOException | InterruptedException | RuntimeException e) {
            net.close();
            throw e;
        }
    }

    private void setUp() throws IOException, InterruptedException {
        // A namespace left over from a killed run would make "netns add" fail.
        HostCommand.tryRun(10, null, "ip", "netns", "del", name);
        ip("netns", "add", name);
        created.add(name);
        ip("-n", name, "link", "set", "lo", "up");
        ip("-n", name, "link", "add", BRIDGE, "type", "bridge");
        // Notes, bite 5: the bridge must not configure itself from the RAs we send.
        sysctl("net.ipv6.conf." + BRIDGE + ".accept_ra=0");
        // The RA source must be a usable link-local address at once, not one still in DAD.
        sysctl("net.ipv6.conf." + BRIDGE + ".accept_dad=0");
        ip("-n", name, "tuntap", "add", "dev", TAP, "mode", "tap");
        ip("-n", name, "link", "set", TAP, "master", BRIDGE);
        ip("-n", name, "addr", "add", SERVER_IP + "/24", "dev", BRIDGE);
        ip("-n", name, "addr", "add", "fd13:213::1/64", "dev", BRIDGE, "nodad");
        ip("-n", name, "addr", "add", "fe80::1/64", "dev", BRIDGE, "nodad");
        ip("-n", name, "link", "set", BRIDGE, "up");
        ip("-n", name, "link", "set", TAP, "up");
        // Notes, bite 4: without a default route a broadcast reply from a 0.0.0.0 socket
        // fails with ENETUNREACH.
        ip("-n", name, "route", "add", "broadcast", "255.255.255.255", "dev", BRIDGE, "scope", "link", "table", "local");
    }

    /** Adds the office router's namespace: a veth into the bridge with {@value #ROUTER_IP}/24 on interface r0. */
    String addRouterNamespace() throws IOException, InterruptedException {
        HostCommand.tryRun(10, null, "ip", "netns", "del", routerName);
        ip("netns", "add", routerName);
        created.add(routerName);
        ip("-n", routerName, "link", "set", "lo", "up");
        ip("-n", routerName, "link", "add", "r0", "type", "veth", "peer", "name", "rport", "netns", name);
        ip("-n", name, "link", "set", "rport", "master", BRIDGE);
        ip("-n", name, "link", "set", "rport", "up");
        ip("-n", routerName, "addr", "add", ROUTER_IP + "/24", "dev", "r0");
        ip("-n", routerName, "link", "set", "r0", "up");
        return routerName;
    }

    String name() {
        return name;
    }

    /**
     * The tap for the {@code index}-th PC of a test: {@value #TAP} exists from the start, the
     * others are made on demand (QEMU cannot share a tap), all enslaved to the bridge.
     */
    String tap(int index) throws IOException, InterruptedException {
        if (index == 0) {
            return TAP;
        }
        String tap = "tap" + index;
        if (HostCommand.tryRun(10, null, "ip", "-n", name, "link", "show", tap).exitCode() != 0) {
            ip("-n", name, "tuntap", "add", "dev", tap, "mode", "tap");
            ip("-n", name, "link", "set", tap, "master", BRIDGE);
            ip("-n", name, "link", "set", tap, "up");
        }
        return tap;
    }

    /** The prefix that runs a program inside the namespace. */
    List<String> exec() {
        return exec(name);
    }

    static List<String> exec(String namespace) {
        return List.of("ip", "netns", "exec", namespace);
    }

    private void sysctl(String assignment) throws IOException, InterruptedException {
        HostCommand.run(10, "ip", "netns", "exec", name, "sysctl", "-qw", assignment);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        HostCommand.run(10, command);
    }

    /** Kills what still runs inside (by PID), then deletes the namespaces. */
    @Override
    public void close() {
        for (String ns : created.reversed()) {
            try {
                for (String pid : HostCommand.tryRun(10, null, "ip", "netns", "pids", ns).output().split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                HostCommand.tryRun(10, null, "ip", "netns", "del", ns);
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot delete network namespace " + ns + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        created.clear();
    }
}
