package org.streamboot.ui.shell;

import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The console's keyboard shortcuts, in one place so that tooltips name the same keys the scene
 * listens to. SHORTCUT is Ctrl on Linux and Windows, ⌘ on macOS.
 */
public final class Shortcuts {

    public static final KeyCodeCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCodeCombination TOGGLE_VIEW = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCodeCombination SETTINGS = new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCodeCombination APPROVE = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCodeCombination REMOVE = new KeyCodeCombination(KeyCode.DELETE);
    public static final KeyCodeCombination THEME = new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    /** What the shortcuts do; each runs on the FX thread. */
    public interface Actions {
        void focusSearch();

        void toggleView();

        void openSettings();

        void approveSelected();

        void removeSelected();

        void toggleTheme();
    }

    private Shortcuts() {
    }

    /** "Settings (Ctrl+,)". */
    public static String tip(String what, KeyCombination keys) {
        return what + " (" + keys.getDisplayText() + ")";
    }

    public static void install(Scene scene, Actions actions) {
        var map = scene.getAccelerators();
        map.put(FIND, actions::focusSearch);
        map.put(TOGGLE_VIEW, actions::toggleView);
        map.put(SETTINGS, actions::openSettings);
        map.put(APPROVE, actions::approveSelected);
        map.put(THEME, actions::toggleTheme);
        // Delete while typing in a field edits the text; it must never ask to remove clients.
        map.put(REMOVE, () -> {
            if (!(scene.getFocusOwner() instanceof TextInputControl)) {
                actions.removeSelected();
            }
        });
    }
}
