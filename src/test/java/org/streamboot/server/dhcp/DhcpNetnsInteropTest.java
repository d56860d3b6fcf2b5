package org.streamboot.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.dhcp.DhcpNetns.CLIENT_MAC;
import static org.streamboot.server.dhcp.DhcpNetns.SERVER_IP;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service against a real DHCP client: busybox udhcpc in one network namespace,
 * the DHCP service (its own JVM) in another, joined by a bridge with 10.213.77.0/24 on it.
 * Needs root, iproute2 and busybox; skipped otherwise.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DhcpNetnsInteropTest {

    /** What OVMF's PXE sends: UEFI x64 is architecture 7 (RFC 4578 2.1, IANA processor architecture types). */
    static final String UEFI_VENDOR = "PXEClient:Arch:00007:UNDI:003016";

    @TempDir
    Path dir;
    DhcpNetns net;

    @BeforeEach
    void namespaces() throws Exception {
        DhcpNetns.assumeTools("busybox");
        net = new DhcpNetns();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void fullModeHandsUdhcpcAnAddressAndTheBootFile() throws Exception {
        net.startServer("full", "10.213.77.100", "10.213.77.110", "10.213.77.254");
        List<String> events = udhcpc("-V", TestPackets.BIOS_VENDOR);
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("bound ")
                .contains(" ip=10.213.77.100 ", " siaddr=" + SERVER_IP + " ", " boot_file=undionly.kpxe ",
                        " serverid=" + SERVER_IP + " ", " subnet=255.255.255.0 ", " router=10.213.77.254 "));
    }

    @Test
    void fullModeTellsIpxeItsScriptAndNoPxeDhcp() throws Exception {
        net.startServer("full", "10.213.77.100", "10.213.77.110", "10.213.77.254");
        List<String> events = udhcpc("-V", TestPackets.BIOS_VENDOR, "-x", "175:b10101", "-O", "175");
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("bound ")
                .contains(" ip=10.213.77.100 ", " boot_file=http://" + SERVER_IP + ":8080/boot/" + CLIENT_MAC + ".ipxe ",
                        " opt175=b00101 "));
    }

    @Test
    void uefiPxeFirmwareGetsTheEfiBuildOfIpxe() throws Exception {
        net.startServer("full", "10.213.77.100", "10.213.77.110", "10.213.77.254");
        // -x 93:0007 sends option 93 as two bytes, as UEFI firmware does.
        List<String> events = udhcpc("-V", UEFI_VENDOR, "-x", "93:0007");
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("bound ")
                .contains(" ip=10.213.77.100 ", " siaddr=" + SERVER_IP + " ", " boot_file=ipxe.efi "));
    }

    @Test
    void proxyModeNamesTheBootFileButNeverAnAddress() throws Exception {
        net.startServer("proxy");
        List<String> events = udhcpc("-V", TestPackets.BIOS_VENDOR, "-x", "175:b10101", "-O", "175");
        // udhcpc takes the proxy offer as if it were a lease: what it binds shows what we sent.
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("bound ")
                .contains(" ip=0.0.0.0 ", " siaddr=" + SERVER_IP + " ", " serverid=" + SERVER_IP + " ",
                        " boot_file=http://" + SERVER_IP + ":8080/boot/" + CLIENT_MAC + ".ipxe ", " opt175= "));
    }

    @Test
    void proxyModeStaysSilentForClientsThatAreNotPxe() throws Exception {
        net.startServer("proxy");
        List<String> events = udhcpc("-V", "MSFT 5.0");
        assertThat(events).noneMatch(e -> e.startsWith("bound "));
        // The client really asked, three times, and gave up.
        assertThat(Files.readString(dir.resolve("udhcpc.log"))).contains("broadcasting discover").contains("no lease");
    }

    @Test
    void underTheIgnorePolicyOnlyAKnownPcGetsAnAnswer() throws Exception {
        String known = "52:54:00:77:00:02";
        net.startServer("proxy", "--ignore-unknown", known);
        List<String> stranger = udhcpc("-V", TestPackets.BIOS_VENDOR);
        assertThat(stranger).noneMatch(e -> e.startsWith("bound "));
        assertThat(Files.readString(dir.resolve("udhcpc.log"))).contains("broadcasting discover").contains("no lease");

        net.setClientMac(known);
        Files.deleteIfExists(dir.resolve("events.txt"));
        assertThat(udhcpc("-V", TestPackets.BIOS_VENDOR)).anySatisfy(e -> assertThat(e).startsWith("bound ")
                .contains(" siaddr=" + SERVER_IP + " ", " boot_file=undionly.kpxe "));
    }

    private List<String> udhcpc(String... extra) throws Exception {
        Path out = dir.resolve("events.txt");
        Path script = dir.resolve("script.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 ip=$ip siaddr=$siaddr boot_file=$boot_file serverid=$serverid"
                + " subnet=$subnet router=$router opt175=$opt175 \" >> " + out + "\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        List<String> cmd = new ArrayList<>(List.of("busybox", "udhcpc", "-f", "-q", "-n",
                "-i", "vc", "-t", "3", "-T", "1", "-s", script.toString()));
        cmd.addAll(List.of(extra));
        Process client = net.start(net.clientNs, dir.resolve("udhcpc.log"), cmd.toArray(String[]::new));
        try {
            assertThat(client.waitFor(30, TimeUnit.SECONDS)).as("udhcpc finished").isTrue();
        } finally {
            client.destroyForcibly();
        }
        return Files.exists(out) ? Files.readAllLines(out) : List.of();
    }
}
