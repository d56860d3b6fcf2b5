package org.streamboot.ui.shell;

import java.time.Clock;
import org.streamboot.server.BootServer;
import org.streamboot.server.admin.AdminService;

/** Takes one {@link ConsoleSnapshot}; may block on the database, so never call it on the FX thread. */
@FunctionalInterface
public interface SnapshotSource {

    ConsoleSnapshot take();

    /** Reads the services' statuses and the admin views of a running server. */
    static SnapshotSource of(BootServer server, Clock clock) {
        return () -> {
            AdminService admin = server.admin();
            return new ConsoleSnapshot(server.services(), admin.clients(), admin.groups(), admin.vdisks(),
                    clock.instant());
        };
    }
}
