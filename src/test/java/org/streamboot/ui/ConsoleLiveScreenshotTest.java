package org.streamboot.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streamboot.server.BootServer;
import org.streamboot.server.admin.Who;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.server.vdisk.VdiskLayout;
import org.streamboot.server.vdisk.VdiskStore;
import org.streamboot.ui.shell.ServerLifecycle;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the live console — a simulated lab of cards, a client's detail with its block map,
 * and the cache page — to PNGs next to {@code -Dstreamboot.screenshot=…} (default
 * {@code target/screenshots/}): {@code console-cards.png}, {@code console-detail.png},
 * {@code console-cache.png}. To refresh the README's pictures:
 * {@code -Dstreamboot.screenshot=assets/screenshots/console.png}.
 */
@Timeout(120)
class ConsoleLiveScreenshotTest extends ConsoleTestBase {

    @Test
    void writesTheCardsDetailAndCacheScreenshots() throws Exception {
        Path dir = Path.of(System.getProperty("streamboot.screenshot", "target/screenshots/console.png"))
                .toAbsolutePath().getParent();
        Path dataDir = temp.resolve("data");
        ConsoleFixture.seed(dataDir, (admin, db) -> {
            VdiskStore store = new VdiskStore(db, new VdiskLayout(dataDir), Clock.systemUTC());
            try {
                store.create("win11-edu", 256L << 20, VdiskMode.STANDARD, false);
                store.create("ubuntu-24.04", 128L << 20, VdiskMode.STANDARD, false);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            admin.addGroup("demo-lab-a");
            admin.addGroup("demo-lab-b");
            admin.assign(new Who.Group("demo-lab-a"), "win11-edu", false);
            admin.assign(new Who.Group("demo-lab-b"), "ubuntu-24.04", false);
            admin.assign(new Who.Group("demo-lab-b"), "win11-edu", false);
            admin.addClient("52:54:00:1c:00:09", "teacher-pc", null, null);
            admin.assign(new Who.Client("teacher-pc"), "win11-edu", false);
        });
        ConsoleApp app = console.start(ConsoleFixture.loopback(dataDir, ConsoleFixture.ephemeralPorts()), 11);
        waitFor(() -> app.lifecycle().state() == ServerLifecycle.State.RUNNING
                && lookup(".client-card").queryAll().size() == 12);
        BootServer server = app.lifecycle().server().orElseThrow();
        // Real reads through the read cache, twice over the same range, so the cache page has hits.
        try (BlockDevice disk = server.sessions().openForClient("teacher-pc", "win11-edu")) {
            for (int round = 0; round < 2; round++) {
                disk.read(0, ByteBuffer.allocate(24 << 20));
            }
            disk.write(100L << 20, ByteBuffer.allocate(2 << 20));
            waitFor(() -> lookup(".stage-streaming").tryQuery().isPresent() && lookup(".stage-running").tryQuery().isPresent());

            Path cards = dir.resolve("console-cards.png");
            shoot(cards);

            String streaming = lookup(".client-card").match(n -> n.lookup(".stage-streaming") != null).query().getId();
            clickOn("#" + streaming);
            waitFor(() -> lookup("#block-map").tryQuery().map(n -> n.getUserData() instanceof byte[] b && b.length > 0)
                    .orElse(false));
            Path detail = dir.resolve("console-detail.png");
            shoot(detail);

            clickOn(lookup(".tab").match(n -> n.getId() != null && n.getId().equals("tab-cache")).queryAs(javafx.scene.Node.class));
            waitFor(() -> lookup("#main-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId().equals("tab-cache")
                    && !lookup("#cache-usage").queryAs(Label.class).getText().isEmpty());
            Path cache = dir.resolve("console-cache.png");
            shoot(cache);

            for (Path p : new Path[] {cards, detail, cache}) {
                BufferedImage written = ImageIO.read(p.toFile());
                assertThat(written.getWidth()).as(p.toString()).isEqualTo((int) console.stage().getScene().getWidth());
            }
        }
        console.requestClose();
        assertThat(console.awaitExit(30)).isTrue();
    }

    private void shoot(Path file) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            PngSnapshot.write(console.stage().getScene(), file);
            return null;
        }).get(20, TimeUnit.SECONDS);
    }
}
