package org.streamboot.server.config;

import java.util.Optional;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.SettingsRepository;

/**
 * The admin's settings, kept in the database so that the console and the CLI share them.
 * Blocking: call from an executor or the CLI.
 */
public final class SettingsStore {

    private final Database db;
    private final SettingsRepository repository = new SettingsRepository();

    public SettingsStore(Database db) {
        this.db = db;
    }

    public Optional<String> get(String key) {
        return db.call(c -> repository.get(c, key));
    }

    public <E extends Enum<E>> E getEnum(String key, Class<E> type, E fallback) {
        return get(key).flatMap(v -> {
            try {
                return Optional.of(Enum.valueOf(type, v.toUpperCase()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }).orElse(fallback);
    }

    public long getLong(String key, long fallback) {
        return get(key).flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).orElse(fallback);
    }

    public void remove(String key) {
        db.call(c -> {
            repository.remove(c, key);
            return null;
        });
    }

    public void put(String key, String value) {
        db.call(c -> {
            repository.put(c, key, value);
            return null;
        });
    }
}
