package org.streamboot.server.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.BootServer;
import org.streamboot.server.admin.Who;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.Ports;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.db.VdiskRepository;
import org.streamboot.server.model.VdiskMode;

/** The boot script over real HTTP from a running server, as iPXE fetches it. */
class BootScriptRouteTest {

    @TempDir
    Path dir;
    BootServer server;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        ServerConfig config = ServerConfig.defaults(dir).withBindAddress(InetAddress.getLoopbackAddress())
                .withDhcpMode(DhcpMode.OFF).withPorts(new Ports(0, 0, 0, 0, 0, 0));
        server = BootServer.open(config);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.boundPort("HTTP") + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void vdisk(String name) {
        server.database().transaction(c -> new VdiskRepository().insert(c, name, VdiskMode.STANDARD, 1 << 30, false, 0));
    }

    @Test
    void aKnownClientGetsItsIdentityAndItsGroupsVdisk() throws Exception {
        server.admin().addGroup("lab1");
        server.admin().addClient("52:54:00:aa:bb:17", "pc17", "lab1", null);
        vdisk("win11");
        server.admin().assign(new Who.Group("lab1"), "win11", false);

        HttpResponse<String> reply = get("/boot/52:54:00:aa:bb:17.ipxe");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).startsWith("#!ipxe\n").contains("set hostname pc17\n")
                .contains("set initiator-iqn iqn.2026-11.org.streamboot:client.pc17\n")
                .contains("sanboot iscsi:127.0.0.1::" + server.boundPort("iSCSI") + ":0:iqn.2026-11.org.streamboot:vdisk.win11");
        assertThat(server.live().snapshot().clients()).singleElement().satisfies(a -> {
            assertThat(a.stage()).isEqualTo(org.streamboot.server.model.BootStage.SCRIPT);
            assertThat(a.lastEvent().detail()).isEqualTo("boot script sent: boots win11");
        });
    }

    @Test
    void aStrangerIsRegisteredByTheDefaultPolicyAndToldItHasNoVdisk() throws Exception {
        HttpResponse<String> reply = get("/boot/52-54-00-AA-BB-99.ipxe");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("No vDisk is assigned to pc-01 (52:54:00:aa:bb:99)");
        assertThat(server.admin().clients()).singleElement().satisfies(c -> {
            assertThat(c.mac()).isEqualTo("52:54:00:aa:bb:99");
            assertThat(c.registration()).isEqualTo("approved");
        });
    }

    @Test
    void underTheApprovePolicyAStrangerWaits() throws Exception {
        server.settings().put(RegistrationPolicy.SETTING, "approve");
        assertThat(get("/boot/52:54:00:aa:bb:98.ipxe").body()).contains("waiting for approval");
        server.admin().approveClient("pc-01");
        assertThat(get("/boot/52:54:00:aa:bb:98.ipxe").body()).contains("No vDisk is assigned to pc-01");
    }

    @Test
    void theOldApprovalSpellingStillHoldsStrangers() throws Exception {
        server.settings().put(RegistrationPolicy.SETTING, "approval");
        assertThat(get("/boot/52:54:00:aa:bb:97.ipxe").body()).contains("waiting for approval");
        assertThat(server.admin().clients()).singleElement().satisfies(c -> assertThat(c.registration()).isEqualTo("pending"));
    }

    @Test
    void underTheIgnorePolicyAStrangerIsNeitherRegisteredNorBooted() throws Exception {
        server.settings().put(RegistrationPolicy.SETTING, "ignore");
        assertThat(get("/boot/52:54:00:aa:bb:96.ipxe").body()).contains("is not registered").contains("exit 1");
        assertThat(server.admin().clients()).isEmpty();
    }

    @Test
    void strangersAreNamedByThePatternAndGetAnIqnFromTheirName() throws Exception {
        server.settings().put(org.streamboot.server.config.Setting.REGISTRATION_NAME_PATTERN.key, "lab-{mac6}");
        assertThat(get("/boot/52:54:00:aa:bb:95.ipxe").body()).contains("No vDisk is assigned to lab-aabb95");
        assertThat(server.admin().client("lab-aabb95").iqn()).isEqualTo("iqn.2026-11.org.streamboot:client.lab-aabb95");
    }

    @Test
    void badPathsGetHttpErrorsAndTheServerCarriesOn() throws Exception {
        assertThat(get("/boot/not-a-mac.ipxe").statusCode()).isEqualTo(400);
        assertThat(get("/boot/ff:ff:ff:ff:ff:ff.ipxe").statusCode()).isEqualTo(400);
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/health").body()).isEqualTo("ok\n");
    }

    @Test
    void bootFilesTheAdminDropsIntoTheDataDirectoryAreServedOverHttpToo() throws Exception {
        // DATA/tftp is created by the server and overlays the system's iPXE binaries, for TFTP and HTTP alike.
        java.nio.file.Files.writeString(dir.resolve("tftp").resolve("ipxe.efi"), "admin's own ipxe.efi");
        java.nio.file.Files.writeString(dir.resolve("tftp").resolve("vmlinuz"), "kernel");
        assertThat(get("/ipxe.efi").body()).isEqualTo("admin's own ipxe.efi");
        assertThat(get("/files/vmlinuz").body()).isEqualTo("kernel");
        assertThat(get("/files/missing.efi").statusCode()).isEqualTo(404);
        // The event follows the last byte onto the wire, so it may trail the client's view a little.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!server.live().snapshot().toString().contains("downloaded vmlinuz by HTTP") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.live().snapshot().toString()).contains("downloaded vmlinuz by HTTP", "asked for missing.efi by HTTP and got 404");
    }
}
