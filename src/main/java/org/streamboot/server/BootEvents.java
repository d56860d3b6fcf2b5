package org.streamboot.server;

import java.net.InetSocketAddress;
import org.streamboot.server.boot.BootPlan;
import org.streamboot.server.live.ClientAddresses;
import org.streamboot.server.live.LiveHub;
import org.streamboot.server.model.BootEvent.Severity;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.vdisk.VdiskSessions;

/** Boot-script requests as boot events, in the words the console shows. */
final class BootEvents {

    private final LiveHub live;
    private final ClientAddresses addresses;
    private final VdiskSessions sessions;
    private final AdminService admin;

    BootEvents(LiveHub live, ClientAddresses addresses, VdiskSessions sessions, AdminService admin) {
        this.live = live;
        this.addresses = addresses;
        this.sessions = sessions;
        this.admin = admin;
    }

    void scriptServed(BootPlan plan, InetSocketAddress from) {
        addresses.learn(from.getAddress(), plan.mac());
        // In proxy mode the office router hands out addresses; the script request is where we see it.
        admin.noteSeen(plan.mac(), null, from.getAddress().getHostAddress());
        String who = plan.name() == null ? plan.mac().value() : plan.name();
        if (plan.status() == BootPlan.Status.READY) {
            sessions.newBoot(plan.mac()); // a new boot: standard-mode write caches start empty
        }
        switch (plan.status()) {
            case READY -> live.emit(plan.mac(), plan.targets().size() > 1 ? BootStage.MENU : BootStage.SCRIPT, Severity.INFO,
                    plan.targets().size() > 1 ? "boot menu sent with " + plan.targets().size() + " vDisks"
                            : "boot script sent: boots " + plan.targets().getFirst().vdiskName());
            case PENDING -> live.emit(plan.mac(), BootStage.SCRIPT, Severity.WARNING, who + " waits for approval");
            case NO_VDISK -> live.emit(plan.mac(), BootStage.FAILED, Severity.WARNING,
                    "no vDisk is assigned to " + who + " or its group");
            case REJECTED -> live.emit(plan.mac(), BootStage.FAILED, Severity.WARNING, who + " is rejected and may not boot");
            case UNKNOWN -> live.emit(plan.mac(), BootStage.FAILED, Severity.WARNING,
                    "unknown PC; registration policy admits only known PCs");
        }
    }
}
