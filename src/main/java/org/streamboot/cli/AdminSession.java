package org.streamboot.cli;

import java.time.Clock;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.db.Database;

/**
 * The data directory's database opened for one admin command. A server may be running on the
 * same directory: SQLite's WAL mode and busy timeout let both work (see {@link Database}).
 */
final class AdminSession implements AutoCloseable {

    private final Database db;
    private final AdminService admin;

    AdminSession(DataDirOption dir) {
        this.db = Database.open(dir.resolve());
        this.admin = new AdminService(db, Clock.systemUTC());
    }

    AdminService admin() {
        return admin;
    }

    @Override
    public void close() {
        db.close();
    }
}
