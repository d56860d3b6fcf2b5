package org.streamboot.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's two looks. Both are AtlantaFX user-agent stylesheets; {@code app.css} uses
 * only AtlantaFX's looked-up colours ({@code -color-*}), so it follows whichever is active.
 */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheet()),
    DARK(new PrimerDark().getUserAgentStylesheet());

    private final String userAgentStylesheet;

    Theme(String userAgentStylesheet) {
        this.userAgentStylesheet = userAgentStylesheet;
    }

    public String userAgentStylesheet() {
        return userAgentStylesheet;
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** The word stored in the preferences file ("light", "dark"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Theme> fromWord(String word) {
        for (Theme t : values()) {
            if (t.word().equals(word == null ? "" : word.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
