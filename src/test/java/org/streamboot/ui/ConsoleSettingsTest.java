package org.streamboot.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.config.SettingsStore;
import org.streamboot.server.config.Setting;
import org.streamboot.ui.shell.ServerLifecycle;
import org.streamboot.ui.shell.Shortcuts;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The settings dialog against the real console and database, opened by its shortcut. Needs a display. */
@Timeout(90)
class ConsoleSettingsTest extends FxRobot {

    @TempDir
    Path temp;

    private final ConsoleFixture console = new ConsoleFixture();
    private SettingsStore store;

    @BeforeEach
    void startTheConsole() throws Exception {
        ConsoleFixture.assumeDisplay();
        ConsoleApp app = console.start(ConsoleFixture.loopback(temp.resolve("data"), ConsoleFixture.ephemeralPorts()));
        waitFor(() -> app.lifecycle().state() == ServerLifecycle.State.RUNNING
                && text("#status-summary").contains("services running"));
        store = app.lifecycle().server().orElseThrow().settings();
    }

    @AfterEach
    void tearDown() throws Exception {
        console.cleanUp();
    }

    @Test
    void aChangedSettingIsStoredAndTheDialogSaysWhenItApplies() throws Exception {
        openSettings();
        assertThat(text("#fact-dhcp-mode")).isEqualTo("proxyDHCP");
        assertThat(text("#fact-listens-on")).isEqualTo("127.0.0.1");
        assertThat(text("#settings-dhcp-safety")).contains("never hands out addresses");

        clickOn("#setting-registration-policy");
        clickOn("approve");
        replaceText("#setting-cache-write-quota-bytes", "1073741824");
        clickOn("#settings-save");

        waitFor(() -> lookup("#settings-dialog").tryQuery().isEmpty());
        assertThat(store.get(Setting.REGISTRATION_POLICY.key)).contains("approve");
        assertThat(store.get(Setting.WRITE_CACHE_QUOTA_BYTES.key)).contains("1073741824");
        assertThat(store.get(Setting.UEFI_BINARY.key)).as("untouched settings are not written").isEmpty();
        waitFor(() -> lookup(".notification-text").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().contains("restart Streamboot")));

        // Opening again shows what is stored now.
        openSettings();
        assertThat(lookup("#setting-cache-write-quota-bytes").queryAs(TextField.class).getText()).isEqualTo("1073741824");
        clickOn("Cancel");
    }

    @Test
    void aBadValueIsRefusedWithTheReasonAndNothingIsStored() throws Exception {
        openSettings();
        replaceText("#setting-cache-read-bytes", "lots");
        clickOn("#settings-save");

        waitFor(() -> lookup("#setting-cache-read-bytes-problem").queryAs(Label.class).isVisible());
        assertThat(text("#setting-cache-read-bytes-problem")).isEqualTo("'lots' is not a positive number of bytes");
        assertThat(text("#settings-status")).startsWith("Not saved");
        assertThat(lookup("#settings-dialog").tryQuery()).as("the dialog stays open").isPresent();
        assertThat(store.get(Setting.READ_CACHE_BYTES.key)).isEmpty();

        // Corrected, it saves.
        replaceText("#setting-cache-read-bytes", "268435456");
        clickOn("#settings-save");
        waitFor(() -> lookup("#settings-dialog").tryQuery().isEmpty());
        assertThat(store.get(Setting.READ_CACHE_BYTES.key)).contains("268435456");
    }

    private void openSettings() throws TimeoutException {
        clickOn("#client-search"); // the main window has the focus
        push(Shortcuts.SETTINGS);
        waitFor(() -> lookup("#settings-dialog").tryQuery().isPresent());
    }

    private void replaceText(String query, String value) {
        TextField field = lookup(query).queryAs(TextField.class);
        clickOn(field);
        push(KeyCode.CONTROL, KeyCode.A);
        write(value);
        assertThat(field.getText()).isEqualTo(value);
    }

    private String text(String query) {
        return lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
