package org.streamboot.ui.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.streamboot.server.config.Setting;
import org.streamboot.server.config.SettingsStore;

/**
 * Reads and writes the admin's settings for the dialog. {@link SettingsStore} blocks on the
 * database, so every call runs on the given executor and completes a future; the dialog never
 * touches the database on the FX thread.
 */
public final class SettingsAccess {

    private final SettingsStore store;
    private final Executor background;

    public SettingsAccess(SettingsStore store, Executor background) {
        this.store = store;
        this.background = background;
    }

    /** The stored value of every known setting that has one, by key. */
    public CompletableFuture<Map<String, String>> load() {
        return CompletableFuture.supplyAsync(() -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (Setting s : Setting.values()) {
                store.get(s.key).ifPresent(v -> out.put(s.key, v));
            }
            return out;
        }, background);
    }

    /**
     * Stores each value after checking it once more with the setting's rule (the store itself
     * takes any text); an empty value returns the setting to its default.
     */
    public CompletableFuture<Void> save(Map<Setting, Optional<String>> changes) {
        return CompletableFuture.runAsync(() -> {
            for (Map.Entry<Setting, Optional<String>> c : changes.entrySet()) {
                Setting s = c.getKey();
                if (c.getValue().isPresent()) {
                    store.put(s.key, s.validate(c.getValue().get()));
                } else {
                    store.remove(s.key);
                }
            }
        }, background);
    }
}
