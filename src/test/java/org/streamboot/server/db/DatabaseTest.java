package org.streamboot.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.RegistrationState;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void freshDatabaseIsMigratedToTheLatestSchemaWithWalAndForeignKeys() {
        try (Database db = Database.open(dir)) {
            assertThat(db.schemaVersion()).isEqualTo(Migrator.latestVersion());
            assertThat(db.call(c -> Rows.one(c, rs -> rs.getString(1), "PRAGMA journal_mode")).orElseThrow()).isEqualTo("wal");
            assertThat(db.call(c -> Rows.one(c, rs -> rs.getInt(1), "PRAGMA foreign_keys")).orElseThrow()).isEqualTo(1);
            List<String> tables = db.call(c -> Rows.list(c, rs -> rs.getString(1),
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
            assertThat(tables).contains("clients", "client_groups", "vdisks", "vdisk_versions", "assignments", "boot_events",
                    "settings", "dhcp_leases");
        }
    }

    @Test
    void reopeningDoesNotMigrateTwice() {
        try (Database db = Database.open(dir)) {
            db.call(c -> Rows.update(c, "INSERT INTO settings(key, value) VALUES ('k', 'v')"));
        }
        try (Database db = Database.open(dir)) {
            Optional<String> value = db.call(c -> new SettingsRepository().get(c, "k"));
            assertThat(value).contains("v");
        }
    }

    @Test
    void aDatabaseFromANewerStreambootIsRefusedUntouched() throws SQLException {
        try (Database db = Database.open(dir)) {
            db.call(c -> Rows.update(c, "PRAGMA user_version = 99"));
        }
        assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("use a newer Streamboot");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Database.FILE_NAME));
             var rs = c.createStatement().executeQuery("PRAGMA user_version")) {
            assertThat(rs.getInt(1)).isEqualTo(99);
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        try (Database db = Database.open(dir)) {
            GroupRepository groups = new GroupRepository();
            assertThatThrownBy(() -> db.transaction(c -> {
                groups.insert(c, "lab1", 1);
                groups.insert(c, "LAB1", 2); // unique, case-insensitive
                return null;
            })).isInstanceOf(DatabaseException.class).hasMessageContaining("UNIQUE");
            assertThat(db.call(groups::all)).isEmpty();
        }
    }

    @Test
    void twoProcessesMayWriteTheSameFile() throws Exception {
        // The admin CLI writes while a server holds the database open: WAL plus busy timeout.
        try (Database server = Database.open(dir); Database cli = Database.open(dir)) {
            ClientRepository clients = new ClientRepository();
            server.transaction(c -> clients.insert(c, MacAddress.parse("52:54:00:00:00:01"), "a", "iqn.2026-11.x:a",
                    Optional.empty(), RegistrationState.APPROVED, 1));
            cli.transaction(c -> clients.insert(c, MacAddress.parse("52:54:00:00:00:02"), "b", "iqn.2026-11.x:b",
                    Optional.empty(), RegistrationState.APPROVED, 2));
            assertThat(server.call(clients::all)).extracting(org.streamboot.server.model.Client::name).containsExactly("a", "b");
        }
    }

    @Test
    void bootHistoryIsBounded() {
        try (Database db = Database.open(dir)) {
            BootEventRepository events = new BootEventRepository();
            MacAddress mac = MacAddress.parse("52:54:00:00:00:01");
            db.transaction(c -> {
                for (int i = 0; i < 20_050; i++) {
                    events.insert(c, new BootEvent(i, mac, BootStage.DHCP, BootEvent.Severity.INFO, "event " + i));
                }
                return null;
            });
            assertThat(db.call(events::count)).isEqualTo(20_000L);
            List<BootEvent> newest = db.call(c -> events.ofClient(c, mac, 2));
            assertThat(newest).extracting(BootEvent::detail)
                    .containsExactly("event 20048", "event 20049");
        }
    }

    @Test
    void deletingAClientRemovesItsAssignmentsButAVdiskInUseCannotBeDeleted() {
        try (Database db = Database.open(dir)) {
            var clients = new ClientRepository();
            var vdisks = new VdiskRepository();
            var assignments = new AssignmentRepository();
            db.transaction(c -> {
                var client = clients.insert(c, MacAddress.parse("52:54:00:00:00:01"), "a", "iqn.2026-11.x:a", Optional.empty(),
                        RegistrationState.APPROVED, 1);
                var vdisk = vdisks.insert(c, "win", org.streamboot.server.model.VdiskMode.STANDARD, 1 << 20, false, 1);
                assignments.insert(c, new org.streamboot.server.model.Assignment.ToClient(client.id()), vdisk.id(), true);
                return null;
            });
            assertThatThrownBy(() -> db.call(c -> vdisks.delete(c, vdisks.byName(c, "win").orElseThrow().id())))
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("FOREIGN KEY");
            db.call(c -> clients.delete(c, clients.byName(c, "a").orElseThrow().id()));
            assertThat(db.call(assignments::all)).isEmpty();
        }
    }

    @Test
    void migrationScriptsSplitIntoStatementsKeepingTriggerBodiesWhole() {
        List<String> parts = Migrator.statements("""
                -- a comment
                CREATE TABLE t (a INTEGER);
                CREATE TRIGGER tr AFTER INSERT ON t
                BEGIN
                    DELETE FROM t WHERE a < 0;
                END;
                CREATE INDEX i ON t(a);
                """);
        assertThat(parts).hasSize(3);
        assertThat(parts.get(1)).startsWith("CREATE TRIGGER").endsWith("END;").contains("DELETE FROM t WHERE a < 0;");
    }
}
