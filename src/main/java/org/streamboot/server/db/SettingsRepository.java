package org.streamboot.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Key/value settings the admin changed from their defaults. */
public final class SettingsRepository {

    public Optional<String> get(Connection c, String key) throws SQLException {
        return Rows.one(c, rs -> rs.getString(1), "SELECT value FROM settings WHERE key = ?", key);
    }

    public void put(Connection c, String key, String value) throws SQLException {
        Rows.update(c, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                key, value);
    }

    public void remove(Connection c, String key) throws SQLException {
        Rows.update(c, "DELETE FROM settings WHERE key = ?", key);
    }

    public Map<String, String> all(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (var row : Rows.list(c, rs -> Map.entry(rs.getString(1), rs.getString(2)), "SELECT key, value FROM settings ORDER BY key")) {
            out.put(row.getKey(), row.getValue());
        }
        return out;
    }
}
