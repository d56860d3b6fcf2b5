package org.streamboot.cli;

import java.time.Clock;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.ClientBootOptions;
import org.streamboot.server.db.Database;

/**
 * The data directory's database opened for one admin command. A server may be running on the
 * same directory: SQLite's WAL mode and busy timeout let both work (see {@link Database}).
 */
final class AdminSession implements AutoCloseable {

    private final Database db;
    private final AdminService admin;
    private final ClientBootOptions bootOptions;

    AdminSession(DataDirOption dir) {
        this.db = Database.open(dir.resolve());
        this.admin = new AdminService(db, Clock.systemUTC());
        this.bootOptions = new ClientBootOptions(db, admin);
    }

    AdminService admin() {
        return admin;
    }

    ClientBootOptions bootOptions() {
        return bootOptions;
    }

    @Override
    public void close() {
        db.close();
    }
}
