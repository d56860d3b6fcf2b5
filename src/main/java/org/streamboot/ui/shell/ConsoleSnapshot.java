package org.streamboot.ui.shell;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.streamboot.server.admin.Views.ClientView;
import org.streamboot.server.admin.Views.GroupView;
import org.streamboot.server.admin.Views.VdiskView;
import org.streamboot.server.live.LiveSnapshot;
import org.streamboot.server.net.ServiceStatus;
import org.streamboot.server.vdisk.DiskActivity;

/**
 * Everything the console shows, copied out of the server at one moment. It is taken off the FX
 * thread and handed to the FX thread whole, so a view never reads the server or the database.
 *
 * @param live  boot stages and recent events
 * @param disks every client's use of its vDisks (block maps, write caches, boot-set progress)
 * @param cache the shared read cache's figures
 */
public record ConsoleSnapshot(List<ServiceStatus> services, List<ClientView> clients, List<GroupView> groups,
                              List<VdiskView> vdisks, LiveSnapshot live, List<DiskActivity> disks,
                              CacheFigures cache, Instant takenAt) {

    public static final LiveSnapshot NO_LIVE = new LiveSnapshot(0, List.of(), List.of(), 0);

    public ConsoleSnapshot {
        services = List.copyOf(services);
        clients = List.copyOf(clients);
        groups = List.copyOf(groups);
        vdisks = List.copyOf(vdisks);
        Objects.requireNonNull(live, "live");
        disks = List.copyOf(disks);
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(takenAt, "takenAt");
    }

    /** Only the database's part, with no boot activity (a server that is not serving yet). */
    public ConsoleSnapshot(List<ServiceStatus> services, List<ClientView> clients, List<GroupView> groups,
                           List<VdiskView> vdisks, Instant takenAt) {
        this(services, clients, groups, vdisks, NO_LIVE, List.of(), CacheFigures.NONE, takenAt);
    }
}
