package org.streamboot.server.boot;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.Views;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.http.BlockExports;
import org.streamboot.server.live.ClientAddresses;
import org.streamboot.server.nbd.NbdExports;
import org.streamboot.server.vdisk.SessionRefusal;
import org.streamboot.server.vdisk.SessionRefusedException;
import org.streamboot.server.vdisk.VdiskSessions;

/**
 * The store as NBD exports and HTTP sanboot disks. {@code NAME} is the vDisk's shared base,
 * read-only, for anyone (it holds nothing private: every client of the vDisk boots it).
 * {@code NAME/CLIENT} is that client's own writable view; NBD has no authentication, so it
 * is opened only for a connection from the client's own address (learnt from DHCP and its
 * boot-script request) or from this machine, where the admin sits.
 */
public final class BlockTargetExports implements NbdExports {

    private final VdiskSessions sessions;
    private final AdminService admin;
    private final ClientAddresses addresses;
    private final DiskAttachEvents events;

    public BlockTargetExports(VdiskSessions sessions, AdminService admin, ClientAddresses addresses) {
        this(sessions, admin, addresses, DiskAttachEvents.NONE);
    }

    public BlockTargetExports(VdiskSessions sessions, AdminService admin, ClientAddresses addresses, DiskAttachEvents events) {
        this.sessions = sessions;
        this.admin = admin;
        this.addresses = addresses;
        this.events = events;
    }

    @Override
    public List<String> names() {
        return sessions.names();
    }

    @Override
    public Outcome open(String exportName, InetSocketAddress client) {
        int slash = exportName.indexOf('/');
        try {
            if (slash < 0) {
                return new Opened(sessions.openReadOnly(exportName), "vDisk " + exportName + " (shared base, read-only)", true);
            }
            String vdisk = exportName.substring(0, slash);
            String clientName = exportName.substring(slash + 1);
            if (!mayActAs(client.getAddress(), clientName)) {
                String why = "only " + clientName + " itself (or this machine) may open " + exportName;
                events.nbdRefused(client.getAddress(), exportName, why);
                return new Denied(why);
            }
            BlockDevice device = sessions.openForClient(clientName, vdisk);
            events.nbdOpened(client.getAddress(), exportName);
            return new Opened(device, "vDisk " + vdisk + " as seen by " + clientName, device.readOnly());
        } catch (SessionRefusedException e) {
            events.nbdRefused(client.getAddress(), exportName, e.getMessage());
            return e.refusal().reason() == SessionRefusal.Reason.UNKNOWN_VDISK ? new Unknown(e.getMessage()) : new Denied(e.getMessage());
        }
    }

    /** HTTP sanboot disks: the read-only base of a vDisk, or 404. */
    public BlockExports httpDisks() {
        return (name, client) -> {
            try {
                return Optional.of(sessions.openReadOnly(name));
            } catch (SessionRefusedException e) {
                return Optional.empty();
            }
        };
    }

    private boolean mayActAs(InetAddress from, String clientName) {
        if (from.isLoopbackAddress()) {
            return true;
        }
        Optional<Views.ClientView> view = admin.clients().stream().filter(c -> c.name().equalsIgnoreCase(clientName)).findFirst();
        if (view.isEmpty()) {
            return false;
        }
        boolean learnt = addresses.macOf(from).map(mac -> mac.value().equals(view.get().mac())).orElse(false);
        return learnt || from.getHostAddress().equals(view.get().lastIp());
    }
}
