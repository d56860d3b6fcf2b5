package org.streamboot.ui.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.streamboot.server.BootServer;
import org.streamboot.server.config.ServerConfig;
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
    private final Supplier<ServerConfig> running;
    private final Supplier<BootServer.NetworkApplied> applyNetwork;

    /**
     * @param running      how the server runs now (its network part changes when settings apply)
     * @param applyNetwork makes the server re-read the stored network settings (blocking)
     */
    public SettingsAccess(SettingsStore store, Executor background, Supplier<ServerConfig> running,
                          Supplier<BootServer.NetworkApplied> applyNetwork) {
        this.store = store;
        this.background = background;
        this.running = running;
        this.applyNetwork = applyNetwork;
    }

    public static SettingsAccess forServer(BootServer server, Executor background) {
        return new SettingsAccess(server.settings(), background, server::config, server::applyNetworkSettings);
    }

    /** How the server runs now; the field is volatile on the server, so reading it here is cheap. */
    public ServerConfig running() {
        return running.get();
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
        return CompletableFuture.runAsync(() -> store(changes), background);
    }

    /**
     * Stores the changes and, when a network setting is among them, has the server apply them
     * (DHCP restarts with a new mode or range). Completes with the line the admin reads.
     */
    public CompletableFuture<String> saveAndApply(Map<Setting, Optional<String>> changes) {
        return CompletableFuture.supplyAsync(() -> {
            store(changes);
            boolean restarted = SettingsViewModel.touchesNetwork(changes) && applyNetwork.get().dhcpRestarted();
            return SettingsViewModel.saved(changes, restarted);
        }, background);
    }

    private void store(Map<Setting, Optional<String>> changes) {
        for (Map.Entry<Setting, Optional<String>> c : changes.entrySet()) {
            Setting s = c.getKey();
            if (c.getValue().isPresent()) {
                store.put(s.key, s.validate(c.getValue().get()));
            } else {
                store.remove(s.key);
            }
        }
    }
}
