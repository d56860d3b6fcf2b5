package org.streamboot.ui.shell;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.streamboot.ui.theme.Theme;
import org.streamboot.ui.theme.ThemeSwitcher;

/**
 * The strip above the services: the window's actions as buttons, each with a tooltip that says
 * what it does and its shortcut, so the keys can be learnt from the buttons.
 */
final class ConsoleToolbar {

    private final HBox root;

    ConsoleToolbar(Shortcuts.Actions actions, ThemeSwitcher themes) {
        Label title = new Label("Streamboot", new FontIcon(Material2AL.COMPUTER));
        title.getStyleClass().add("toolbar-title");
        Button approve = button("toolbar-approve", "Approve", Material2AL.CHECK,
                "Approve the selected clients that wait for approval", Shortcuts.APPROVE);
        approve.setOnAction(e -> actions.approveSelected());
        Button remove = button("toolbar-remove", "Remove…", Material2AL.DELETE_OUTLINE,
                "Remove the selected clients (asks first)", Shortcuts.REMOVE);
        remove.setOnAction(e -> actions.removeSelected());
        Button search = button("toolbar-search", null, Material2MZ.SEARCH, "Search clients by name or MAC", Shortcuts.FIND);
        search.setOnAction(e -> actions.focusSearch());
        ToggleButton dark = new ToggleButton(null, new FontIcon(Material2AL.BRIGHTNESS_4));
        dark.setId("toolbar-theme");
        dark.setSelected(themes.theme() == Theme.DARK);
        dark.setTooltip(tip("Dark theme on or off", Shortcuts.THEME));
        // The button mirrors the theme, whichever way it was switched (button or shortcut).
        themes.themeProperty().addListener((o, was, now) -> dark.setSelected(now == Theme.DARK));
        dark.setOnAction(e -> actions.toggleTheme());
        Button settings = button("toolbar-settings", null, Material2MZ.SETTINGS,
                "Settings: registration policy, UEFI program, cache sizes", Shortcuts.SETTINGS);
        settings.setOnAction(e -> actions.openSettings());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        root = new HBox(6, title, spring, approve, remove, new Separator(javafx.geometry.Orientation.VERTICAL),
                search, dark, settings);
        root.getStyleClass().add("console-toolbar");
        root.setId("console-toolbar");
    }

    Node node() {
        return root;
    }

    private static Button button(String id, String text, Ikon icon, String what, KeyCombination keys) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(tip(what, keys));
        b.getStyleClass().add("flat");
        return b;
    }

    private static Tooltip tip(String what, KeyCombination keys) {
        Tooltip t = new Tooltip(Shortcuts.tip(what, keys));
        t.setShowDelay(Duration.millis(400));
        return t;
    }
}
