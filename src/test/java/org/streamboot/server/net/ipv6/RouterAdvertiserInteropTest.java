package org.streamboot.server.net.ipv6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.testing.Tools;

/**
 * The advertiser against a real solicitor: rdisc6 (package ndisc6) in a network namespace of
 * the test's own, joined to this JVM's namespace by a veth pair that exists only for the test.
 */
@Timeout(60)
class RouterAdvertiserInteropTest {

    private final String ns = "sbra" + ProcessHandle.current().pid();
    private final String hostSide = "sbra" + ProcessHandle.current().pid() % 100000 + "h";
    private final String nsSide = "sbra" + ProcessHandle.current().pid() % 100000 + "n";
    @TempDir
    Path temp;

    @BeforeEach
    void network() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (raw ICMPv6 socket, network namespace)");
        Tools.require("ip", "iproute2");
        Tools.require("rdisc6", "ndisc6");
        cleanUp();
        run("ip", "netns", "add", ns);
        run("ip", "link", "add", hostSide, "type", "veth", "peer", "name", nsSide, "netns", ns);
        // A link-local source usable at once (no duplicate address detection), as RFC 4861 6.1.2 wants.
        run("ip", "addr", "add", "fe80::5b:1/64", "dev", hostSide, "nodad");
        run("ip", "-n", ns, "addr", "add", "fe80::5b:2/64", "dev", nsSide, "nodad"); // rdisc6 needs a source too
        run("ip", "link", "set", hostSide, "up");
        run("ip", "-n", ns, "link", "set", nsSide, "up");
    }

    @AfterEach
    void cleanUp() throws Exception {
        Tools.run(temp, 10, "ip", "link", "del", hostSide); // takes its peer along
        Tools.run(temp, 10, "ip", "netns", "del", ns);
    }

    private Tools.Result run(String... command) throws Exception {
        Tools.Result r = Tools.run(temp, 20, command);
        assertThat(r.code()).as(String.join(" ", command) + ": " + r.output()).isZero();
        return r;
    }

    private Tools.Result solicit() throws Exception {
        // -1: stop at the first answer; -r 3 -w 1000: three solicitations, one second apart at most
        return Tools.run(temp, 20, List.of("ip", "netns", "exec", ns, "rdisc6", "-1", "-r", "3", "-w", "1000", nsSide));
    }

    @Test
    void aSolicitationIsAnsweredWithTheMinimalAdvertisementAndClosingStopsIt() throws Exception {
        long answeredBefore;
        try (RouterAdvertiser advertiser = RouterAdvertiser.start(hostSide)) {
            long began = System.nanoTime();
            Tools.Result r = solicit();
            long millis = (System.nanoTime() - began) / 1_000_000;
            assertThat(r.code()).as(r.output()).isZero();
            String out = r.output();
            assertThat(out).containsPattern("from fe80::[0-9a-f:]+").containsPattern("Hop limit\\s+:\\s+undefined")
                    .containsPattern("Stateful address conf\\.\\s+:\\s+No").containsPattern("Stateful other conf\\.\\s+:\\s+No")
                    .containsPattern("Router lifetime\\s+:\\s+0 ").doesNotContain("Prefix");
            assertThat(millis).as("answer time").isLessThan(1500);
            assertThat(advertiser.advertisementsSent()).isPositive();
            answeredBefore = advertiser.solicitationsAnswered();
        }
        assertThat(answeredBefore).isPositive();
        Tools.Result after = solicit();
        assertThat(after.code()).as("nothing answers once closed: " + after.output()).isNotZero();
    }

    @Test
    void anInterfaceThatDoesNotExistIsAPlainError() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> RouterAdvertiser.start("sbnosuch0")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("no interface sbnosuch0");
    }

    @Test
    void onlyTheBoundInterfaceIsChosenAndLoopbackNever() throws Exception {
        assertThat(RouterAdvertisers.interfaces(java.net.InetAddress.getLoopbackAddress(), java.util.Optional.empty())).isEmpty();
        run("ip", "addr", "add", "198.51.100.7/32", "dev", hostSide);
        assertThat(RouterAdvertisers.interfaces(java.net.InetAddress.getByName("198.51.100.7"), java.util.Optional.empty()))
                .containsExactly(hostSide);
    }
}
