package org.streamboot.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streamboot.server.BootServer;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.vdisk.VdiskLayout;
import org.testfx.util.WaitForAsyncUtils;

/** The detail pane's buttons against the real server: resetting a write cache, asked first. Needs a display. */
@Timeout(120)
class ConsoleClientDetailTest extends ConsoleTestBase {

    @Test
    void theWriteCacheIsResetAfterAskingAndNeverWhileTheClientIsAttached() throws Exception {
        ConsoleApp app = consoleWithPc01OnWin11();
        BootServer server = app.lifecycle().server().orElseThrow();
        Path cache = new VdiskLayout(temp.resolve("data")).writeCacheDir("win11").resolve("525400000001");

        BlockDevice disk = server.sessions().openForClient("pc-01", "win11");
        disk.write(0, ByteBuffer.allocate(1 << 20));
        clickOn("#card-pc-01");
        waitFor(() -> lookup("#detail-reset-cache").tryQuery().isPresent());
        assertThat(lookup("#detail-remove").tryQuery()).as("remove is there too").isPresent();

        clickOn("#detail-reset-cache");
        waitFor(() -> lookup("#confirm-reset-cache").tryQuery().isPresent());
        clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cache).isDirectory();

        clickOn("#detail-reset-cache");
        waitFor(() -> lookup("#confirm-reset-cache").tryQuery().isPresent());
        clickOn("Reset");
        waitFor(() -> notificationTexts().stream().anyMatch(t -> t.contains("attached right now")));
        assertThat(cache).as("refused while attached").isDirectory();

        disk.close();
        waitFor(() -> lookup("#detail-vdisk").queryAs(Label.class).getText().contains("last session"));
        clickOn("#detail-reset-cache");
        waitFor(() -> lookup("#confirm-reset-cache").tryQuery().isPresent());
        clickOn("Reset");
        waitFor(() -> notificationTexts().contains("Discarded the write cache of pc-01 (win11)"));
        assertThat(cache).doesNotExist();
        waitFor(() -> lookup("#detail-vdisk").queryAs(Label.class).getText().equals("not attached"));
        console.requestClose();
        assertThat(console.awaitExit(30)).isTrue();
    }

    private List<String> notificationTexts() {
        return lookup("#notifications .notification-text").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }
}
