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
    private org.streamboot.server.BootServer server;

    @BeforeEach
    void startTheConsole() throws Exception {
        ConsoleFixture.assumeDisplay();
        ConsoleApp app = console.start(ConsoleFixture.loopback(temp.resolve("data"), ConsoleFixture.ephemeralPorts()));
        waitFor(() -> app.lifecycle().state() == ServerLifecycle.State.RUNNING
                && text("#status-summary").contains("services running"));
        server = app.lifecycle().server().orElseThrow();
        store = server.settings();
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

    @Test
    void theDhcpModeIsEditedCheckedAgainstItsRangeAndAppliedAtOnce() throws Exception {
        openSettings();
        assertThat(lookup("#setting-network-bind").query().isDisabled()).as("--bind of the fixture wins").isTrue();
        assertThat(lookup("#settings-dialog").queryAs(javafx.scene.control.DialogPane.class).lookupAll(".settings-hint")
                .stream().map(n -> ((Label) n).getText())).contains("set by --bind on the command line");

        clickOn("#setting-dhcp-mode");
        clickOn("full");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#settings-dhcp-safety")).as("the warning follows the choice before saving")
                .contains("never beside an office router");
        clickOn("#settings-save");
        waitFor(() -> lookup("#setting-dhcp-range-problem").queryAs(Label.class).isVisible());
        assertThat(text("#setting-dhcp-range-problem")).contains("needs an address range");
        assertThat(store.get(Setting.DHCP_MODE.key)).as("nothing saved").isEmpty();

        replaceText("#setting-dhcp-range", "127.0.0.300-127.0.0.310");
        clickOn("#settings-save");
        waitFor(() -> text("#setting-dhcp-range-problem").contains("not an IPv4 address"));
        assertThat(store.get(Setting.DHCP_RANGE.key)).isEmpty();

        replaceText("#setting-dhcp-range", "127.0.0.100-127.0.0.110");
        clickOn("#settings-save");
        waitFor(() -> lookup("#settings-dialog").tryQuery().isEmpty());
        assertThat(store.get(Setting.DHCP_MODE.key)).contains("full");
        assertThat(store.get(Setting.DHCP_RANGE.key)).contains("127.0.0.100-127.0.0.110");
        waitFor(() -> lookup(".notification-text").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().contains("DHCP restarted")));
        assertThat(server.config().dhcpMode()).isEqualTo(org.streamboot.server.config.DhcpMode.FULL);
        assertThat(server.services().getFirst().state()).isEqualTo(org.streamboot.server.net.ServiceState.RUNNING);
        waitFor(() -> text("#status-dhcp").contains("full DHCP server")); // the status line follows

        openSettings();
        assertThat(text("#fact-dhcp-mode")).as("the facts show what runs now").isEqualTo("full DHCP server");
        assertThat(text("#fact-address-range")).isEqualTo("127.0.0.100 – 127.0.0.110");
        clickOn("Cancel");
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
