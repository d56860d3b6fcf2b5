package org.streamboot.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.dhcp.DhcpNetns.SERVER_IP;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DHCP service among other DHCP software: ISC dhclient as the client, and in proxy mode a
 * foreign busybox udhcpd on the same segment standing in for the office router. Needs root,
 * iproute2, dhclient (isc-dhcp-client), busybox and tcpdump; skipped otherwise.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DhcpPeersInteropTest {

    static final String FOREIGN_SERVER = "10.213.77.2";

    @TempDir
    Path dir;
    DhcpNetns net;

    @BeforeEach
    void namespaces() throws Exception {
        DhcpNetns.assumeTools("dhclient", "busybox", "tcpdump");
        net = new DhcpNetns();
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            // dhclient forks into the background once bound; its pid file is the only handle on it.
            Path pid = dir.resolve("dhclient.pid");
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        } finally {
            if (net != null) {
                net.close();
            }
        }
    }

    @Test
    void fullModeLeasesDhclientAnAddressAndTheBootFile() throws Exception {
        net.startServer("full", "10.213.77.100", "10.213.77.110", "10.213.77.254");
        List<String> events = dhclient("");
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("BOUND ")
                .contains(" ip=10.213.77.100 ", " server=" + SERVER_IP + " ", " filename=undionly.kpxe ",
                        " mask=255.255.255.0 ", " routers=10.213.77.254 "));
    }

    /**
     * The PXE flow with someone else's DHCP server (PXE 2.1, 2.2.1): the client takes its address
     * from the offer that has one and its boot file from the proxy offer, which has none. dhclient
     * is told to do the same by requiring a subnet mask, which a proxy offer never carries; the
     * proxy offer is read off the client's interface.
     */
    @Test
    void proxyModeLeavesTheAddressToTheForeignServerAndNamesTheBootFile() throws Exception {
        net.addHost(FOREIGN_SERVER + "/24");
        Path conf = dir.resolve("udhcpd.conf");
        Files.writeString(conf, String.join("\n", "start 10.213.77.150", "end 10.213.77.160", "interface vh",
                "lease_file " + dir.resolve("udhcpd.leases"), "pidfile " + dir.resolve("udhcpd.pid"),
                "option subnet 255.255.255.0", "option router " + FOREIGN_SERVER, ""));
        Files.createFile(dir.resolve("udhcpd.leases"));
        net.start(net.hostNs, dir.resolve("udhcpd.log"), "busybox", "udhcpd", "-f", conf.toString());
        net.startServer("proxy");
        Path capture = dir.resolve("tcpdump.log");
        net.start(net.clientNs, capture, "tcpdump", "-i", "vc", "-n", "-l", "-v", "-s", "0", "udp", "port", "68");
        awaitFile(capture, text -> text.contains("listening on"));

        List<String> events = dhclient("require subnet-mask;\n");

        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("BOUND ")
                .containsPattern(" ip=10\\.213\\.77\\.1(5\\d|60) ").contains(" server=" + FOREIGN_SERVER + " "));
        assertThat(Files.readString(dir.resolve("dhclient.log"))).contains("DHCPACK of").doesNotContain("DHCPNAK");
        String proxyOffer = awaitFile(capture, text -> proxyOffers(text).anyMatch(p -> p.contains("file \"undionly.kpxe\"")));
        assertThat(proxyOffers(proxyOffer)).allSatisfy(p -> assertThat(p).as("a proxy offer carries no address")
                .doesNotContain("Your-IP").doesNotContain("Subnet-Mask").contains("\"PXEClient\""));
    }

    /** The DHCP offers Streamboot sent, one tcpdump block each (a header line, then indented detail). */
    private static java.util.stream.Stream<String> proxyOffers(String capture) {
        List<String> packets = new ArrayList<>();
        for (String line : capture.split("\n")) {
            if (!line.startsWith(" ") && !line.startsWith("\t")) {
                packets.add("");
            }
            if (!packets.isEmpty()) {
                packets.set(packets.size() - 1, packets.getLast() + line + "\n");
            }
        }
        return packets.stream().filter(p -> p.contains(SERVER_IP + ".67 > ") && p.contains("DHCP-Message (53), length 1: Offer"));
    }

    private List<String> dhclient(String extraConfig) throws Exception {
        Path events = dir.resolve("events.txt");
        Path script = dir.resolve("dhclient-script.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$reason ip=$new_ip_address server=$new_dhcp_server_identifier"
                + " filename=$new_filename mask=$new_subnet_mask routers=$new_routers \" >> " + events + "\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path conf = dir.resolve("dhclient.conf");
        Files.writeString(conf, "send vendor-class-identifier \"" + TestPackets.BIOS_VENDOR + "\";\n"
                + "request subnet-mask, routers;\ntimeout 20;\nretry 1;\ninitial-interval 1;\n" + extraConfig);
        Process client = net.start(net.clientNs, dir.resolve("dhclient.log"), "dhclient", "-1", "-v",
                "-cf", conf.toString(), "-sf", script.toString(), "-lf", dir.resolve("dhclient.leases").toString(),
                "-pf", dir.resolve("dhclient.pid").toString(), "vc");
        // With -1 it exits 2 when nothing answers; once bound it forks into the background and exits 0.
        assertThat(client.waitFor(40, TimeUnit.SECONDS)).as("dhclient finished or went to the background").isTrue();
        return Files.exists(events) ? Files.readAllLines(events) : List.of();
    }

    private static String awaitFile(Path file, Predicate<String> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        String text = "";
        while (Instant.now().isBefore(deadline)) {
            text = Files.exists(file) ? Files.readString(file) : "";
            if (done.test(text)) {
                return text;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gave up waiting for " + file.getFileName() + "; it holds:\n" + text);
    }
}
