package org.streamboot.server.config;

import java.nio.file.Path;
import java.util.Map;

/** Where Streamboot keeps its database, vDisks and write caches unless told otherwise. */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** {@code $XDG_DATA_HOME/streamboot}, else {@code ~/.local/share/streamboot} (XDG Base Directory spec). */
    public static Path defaultLocation() {
        return defaultLocation(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultLocation(Map<String, String> env, String home) {
        String xdg = env.get("XDG_DATA_HOME");
        // The spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "streamboot");
        }
        return Path.of(home, ".local", "share", "streamboot");
    }
}
