package org.streamboot.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.BootServer;
import org.streamboot.ui.shell.ServerLifecycle;
import org.streamboot.ui.shell.Shortcuts;
import org.streamboot.ui.theme.Theme;
import org.streamboot.ui.theme.UiPreferences;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The theme toggle and the keyboard shortcuts in the real console. Needs a display. */
@Timeout(90)
class ConsoleThemeAndShortcutsTest extends FxRobot {

    @TempDir
    Path temp;

    private final ConsoleFixture console = new ConsoleFixture();
    private ConsoleApp app;

    @BeforeEach
    void needsADisplay() {
        ConsoleFixture.assumeDisplay();
    }

    @AfterEach
    void tearDown() throws Exception {
        console.cleanUp();
        // The user-agent stylesheet is global to the toolkit: leave the next test the default look.
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet()))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void theThemeToggleSwitchesTheLookAndIsRemembered() throws Exception {
        Path dataDir = temp.resolve("data");
        start(dataDir);
        Path prefs = dataDir.resolve(UiPreferences.FILE_NAME);
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.LIGHT.userAgentStylesheet());
        Node background = lookup(".console").query();
        String lightPaint = background(background);

        clickOn("#toolbar-theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.DARK.userAgentStylesheet());
        assertThat(lookup("#toolbar-theme").queryAs(ToggleButton.class).isSelected()).isTrue();
        waitFor(() -> Files.isRegularFile(prefs) && Files.readString(prefs).contains("theme=dark"));
        assertThat(background(background)).as("the window really repainted").isNotEqualTo(lightPaint);

        push(Shortcuts.THEME);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.LIGHT.userAgentStylesheet());
        assertThat(lookup("#toolbar-theme").queryAs(ToggleButton.class).isSelected()).isFalse();
        waitFor(() -> Files.readString(prefs).contains("theme=light"));
        assertThat(background(background)).isEqualTo(lightPaint);
    }

    @Test
    void aSavedDarkThemeIsUsedFromTheStart() throws Exception {
        Path dataDir = temp.resolve("dark");
        new UiPreferences(dataDir).saveTheme(Theme.DARK);
        start(dataDir);
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.DARK.userAgentStylesheet());
        assertThat(lookup("#toolbar-theme").queryAs(ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void shortcutsFindToggleTheViewAndRemoveAfterAskingFirst() throws Exception {
        Path dataDir = temp.resolve("data");
        ConsoleFixture.seed(dataDir, (admin, db) -> {
            admin.addClient("52:54:00:00:00:01", "pc-01", null, null);
            admin.addClient("52:54:00:00:00:02", "pc-02", null, null);
        });
        start(dataDir);
        BootServer server = app.lifecycle().server().orElseThrow();
        waitFor(() -> lookup(".client-card").queryAll().size() == 2);

        clickOn(lookup(".client-card").match(n -> n.lookup(".card-name") instanceof Label l && l.getText().equals("pc-02"))
                .queryAs(Node.class));
        push(Shortcuts.FIND);
        assertThat(lookup("#client-search").query().isFocused()).isTrue();
        // Delete while typing edits the search text and never removes a client.
        write("pc");
        push(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#confirm-remove").tryQuery()).isEmpty();

        push(Shortcuts.TOGGLE_VIEW);
        assertThat(lookup("#clients-table").query().isVisible()).isTrue();
        // Find while the table is shown keeps the table and filters its rows.
        clickOn("#clients-table");
        push(Shortcuts.FIND);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#clients-table").query().isVisible()).as("the table stays").isTrue();
        assertThat(lookup("#client-search").query().isFocused()).isTrue();
        write("02");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#clients-table").queryTableView().getItems())
                .extracting(r -> ((org.streamboot.ui.clients.ClientRow) r).name()).containsExactly("pc-02");
        push(KeyCode.BACK_SPACE, KeyCode.BACK_SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#clients-table").queryTableView().getItems()).hasSize(2);
        push(Shortcuts.TOGGLE_VIEW);
        assertThat(lookup("#clients-table").query().isVisible()).isFalse();

        clickOn(lookup(".client-card").match(n -> n.lookup(".card-name") instanceof Label l && l.getText().equals("pc-02"))
                .queryAs(Node.class)); // the keyboard leaves the search field for the cards
        push(Shortcuts.REMOVE);
        waitFor(() -> lookup("#confirm-remove").tryQuery().isPresent());
        assertThat(lookup("#confirm-remove").queryAs(javafx.scene.control.DialogPane.class).getHeaderText())
                .isEqualTo("Remove pc-02?");
        clickOn("Remove");
        waitFor(() -> server.admin().clients().size() == 1);
        assertThat(server.admin().clients()).extracting(c -> c.name()).containsExactly("pc-01");
    }

    private void start(Path dataDir) throws Exception {
        app = console.start(ConsoleFixture.loopback(dataDir, ConsoleFixture.ephemeralPorts()));
        waitFor(() -> app.lifecycle().state() == ServerLifecycle.State.RUNNING
                && lookup("#status-summary").queryAs(Label.class).getText().contains("services running"));
    }

    private static String background(Node node) {
        return String.valueOf(((javafx.scene.layout.Region) node).getBackground().getFills().getFirst().getFill());
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
