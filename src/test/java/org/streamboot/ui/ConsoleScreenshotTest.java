package org.streamboot.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streamboot.server.admin.Who;
import org.streamboot.server.config.Ports;
import org.streamboot.server.db.ClientRepository;
import org.streamboot.server.model.Firmware;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.RegistrationState;
import org.streamboot.server.model.VdiskMode;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the console with sample data to a PNG and checks the picture came out whole. By
 * default it goes to {@code target/screenshots/console.png}; to refresh the README's picture:
 * {@code -Dstreamboot.screenshot=assets/screenshots/console.png}.
 */
@Timeout(90)
class ConsoleScreenshotTest extends ConsoleTestBase {

    @Test
    void writesTheConsoleScreenshot() throws Exception {
        String target = System.getProperty("streamboot.screenshot", "target/screenshots/console.png");
        java.nio.file.Files.createDirectories(Path.of(target).toAbsolutePath().getParent());
        Path dataDir = temp.resolve("data");
        ConsoleFixture.seed(dataDir, (admin, db) -> {
            admin.addGroup("lab-a");
            admin.addGroup("lab-b");
            admin.addClient("52:54:00:1a:00:01", "pc-01", "lab-a", null);
            admin.addClient("52:54:00:1a:00:02", "pc-02", "lab-a", null);
            admin.addClient("52:54:00:1a:00:03", "pc-03", "lab-a", null);
            admin.addClient("52:54:00:1b:00:01", "pc-11", "lab-b", null);
            admin.addClient("52:54:00:1b:00:02", "pc-12", "lab-b", null);
            ConsoleFixture.insertVdisk(db, "win11-edu", VdiskMode.STANDARD, 64 * ConsoleFixture.GIB);
            ConsoleFixture.insertVdisk(db, "ubuntu-24.04", VdiskMode.STANDARD, 24 * ConsoleFixture.GIB);
            admin.assign(new Who.Group("lab-a"), "win11-edu", false);
            admin.assign(new Who.Group("lab-b"), "ubuntu-24.04", false);
            admin.assign(new Who.Group("lab-b"), "win11-edu", false);
            long now = Instant.now().toEpochMilli();
            ClientRepository clients = new ClientRepository();
            db.transaction(c -> {
                seen(clients, c, "pc-01", Firmware.UEFI, "192.168.10.21", now - 60_000);
                seen(clients, c, "pc-02", Firmware.IPXE, "192.168.10.22", now - 30_000);
                seen(clients, c, "pc-11", Firmware.BIOS, "192.168.10.31", now - 120_000);
                clients.insert(c, MacAddress.parse("52:54:00:1c:00:09"), "pc-13",
                        "iqn.2026-11.org.streamboot:pc-13", Optional.empty(), RegistrationState.PENDING, now);
                return null;
            });
        });
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            console.start(ConsoleFixture.loopback(dataDir, new Ports(0, 0, 0, 0, squatter.getLocalPort(), 0)));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return lookup(".client-card").queryAll().size() == 6
                        && lookup("#service-iscsi-detail").tryQuery().map(n -> ((Label) n).getText())
                        .orElse("").contains("already in use");
            });
            Path file = Path.of(target);
            WaitForAsyncUtils.asyncFx(() -> {
                PngSnapshot.write(console.stage().getScene(), file);
                return null;
            }).get(20, TimeUnit.SECONDS);
            BufferedImage written = ImageIO.read(file.toFile());
            assertThat(written.getWidth()).isEqualTo((int) console.stage().getScene().getWidth());
            console.requestClose();
            assertThat(console.awaitExit(30)).isTrue();
        }
    }

    private static void seen(ClientRepository clients, java.sql.Connection c, String name, Firmware firmware, String ip,
                             long at) throws java.sql.SQLException {
        long id = clients.byName(c, name).orElseThrow().id();
        clients.markSeen(c, id, firmware, ip, at);
    }
}
