package org.streamboot.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database up to the newest schema with numbered SQL scripts
 * ({@code /db/migration/V{n}__what.sql}), tracked in SQLite's own {@code PRAGMA user_version}.
 *
 * <p>Why not Flyway: it adds a history table, a dozen transitive jars and a slow start for
 * what SQLite already offers in one integer; and SQLite runs DDL inside transactions, so each
 * script plus its version bump commits or rolls back as one. A database newer than this
 * program is refused rather than touched.
 */
final class Migrator {

    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    /** The scripts in order; index i holds version i + 1. Add new ones at the end. */
    static final List<String> SCRIPTS = List.of("V1__initial_schema.sql", "V2__vdisk_maintenance.sql",
            "V3__client_boot_options.sql");

    private Migrator() {
    }

    static int latestVersion() {
        return SCRIPTS.size();
    }

    static int migrate(Connection connection) throws SQLException {
        int current = userVersion(connection);
        if (current > latestVersion()) {
            throw new SQLException("the database has schema version " + current + " but this Streamboot knows only up to "
                    + latestVersion() + "; use a newer Streamboot with this data directory");
        }
        for (int version = current + 1; version <= latestVersion(); version++) {
            String script = SCRIPTS.get(version - 1);
            apply(connection, version, script);
            log.info("Database migrated to schema version {} ({})", version, script);
        }
        return userVersion(connection);
    }

    private static void apply(Connection connection, int version, String script) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (String sql : statements(read(script))) {
                st.execute(sql);
            }
            st.execute("PRAGMA user_version = " + version);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration " + script + " failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String read(String script) {
        try (InputStream in = Migrator.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the build: " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits a script into statements at ';' line ends, keeping CREATE TRIGGER bodies (which
     * contain ';' before their END) whole. Comment lines are dropped.
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inTrigger = false;
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (current.isEmpty() && trimmed.toUpperCase().startsWith("CREATE TRIGGER")) {
                inTrigger = true;
            }
            current.append(line).append('\n');
            boolean ends = trimmed.endsWith(";") && (!inTrigger || trimmed.equalsIgnoreCase("END;"));
            if (ends) {
                out.add(current.toString().strip());
                current.setLength(0);
                inTrigger = false;
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
