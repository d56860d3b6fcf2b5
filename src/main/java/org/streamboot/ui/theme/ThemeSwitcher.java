package org.streamboot.ui.theme;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the console between light and dark and remembers the choice. The look changes on
 * the FX thread; the preferences file is written on the background executor.
 */
public final class ThemeSwitcher {

    private static final Logger log = LoggerFactory.getLogger(ThemeSwitcher.class);

    private final ReadOnlyObjectWrapper<Theme> theme;
    private final Consumer<Theme> remember;

    /** @param remember stores the choice; called off the FX thread */
    public ThemeSwitcher(Theme initial, Consumer<Theme> remember) {
        this.theme = new ReadOnlyObjectWrapper<>(initial);
        this.remember = remember;
    }

    /** A switcher that saves into the preferences file on {@code background}. */
    public static ThemeSwitcher remembering(Theme initial, UiPreferences preferences, Executor background) {
        return new ThemeSwitcher(initial, t -> background.execute(() -> {
            try {
                preferences.saveTheme(t);
            } catch (IOException | RuntimeException e) {
                // Only the preference is lost; the window keeps the chosen look.
                log.warn("Cannot save the theme to {}: {}", preferences.file(), e.getMessage());
            }
        }));
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public Theme theme() {
        return theme.get();
    }

    /** Applies the current theme (at start-up, before the window shows). */
    public void applyCurrent() {
        Application.setUserAgentStylesheet(theme.get().userAgentStylesheet());
    }

    /** Switches to the other theme and remembers it; call on the FX thread. */
    public void toggle() {
        set(theme.get().other());
    }

    public void set(Theme next) {
        theme.set(next);
        applyCurrent();
        remember.accept(next);
    }
}
