package org.streamboot.ui.shell;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.streamboot.server.BootServer;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.block.ReadCache;
import org.streamboot.server.vdisk.DiskActivity;

/** Takes one {@link ConsoleSnapshot}; may block on the database, so never call it on the FX thread. */
@FunctionalInterface
public interface SnapshotSource {

    ConsoleSnapshot take();

    /** Reads the services' statuses, the admin views, the live hub and the disk activity of a running server. */
    static SnapshotSource of(BootServer server, Clock clock) {
        return of(server, clock, List::of);
    }

    /** @param extraActivity disk activity not served by the real sessions (the demo fleet's) */
    static SnapshotSource of(BootServer server, Clock clock, Supplier<List<DiskActivity>> extraActivity) {
        return () -> {
            AdminService admin = server.admin();
            List<DiskActivity> disks = new ArrayList<>(server.sessions().activity());
            disks.addAll(extraActivity.get());
            ReadCache cache = server.readCache();
            return new ConsoleSnapshot(server.services(), admin.clients(), admin.groups(), admin.vdisks(),
                    server.live().snapshot(), disks,
                    new CacheFigures(cache.bytesCached(), cache.maxBytes(), cache.allStats()), clock.instant());
        };
    }
}
