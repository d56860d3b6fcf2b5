package org.streamboot.ui.shell;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.streamboot.server.admin.Views.ClientView;
import org.streamboot.server.admin.Views.GroupView;
import org.streamboot.server.admin.Views.VdiskView;
import org.streamboot.server.net.ServiceStatus;

/**
 * Everything the console shows, copied out of the server at one moment. It is taken off the FX
 * thread and handed to the FX thread whole, so a view never reads the server or the database.
 */
public record ConsoleSnapshot(List<ServiceStatus> services, List<ClientView> clients, List<GroupView> groups,
                              List<VdiskView> vdisks, Instant takenAt) {

    public ConsoleSnapshot {
        services = List.copyOf(services);
        clients = List.copyOf(clients);
        groups = List.copyOf(groups);
        vdisks = List.copyOf(vdisks);
        Objects.requireNonNull(takenAt, "takenAt");
    }
}
