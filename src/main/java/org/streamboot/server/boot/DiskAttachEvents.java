package org.streamboot.server.boot;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.live.ClientAddresses;
import org.streamboot.server.live.LiveHub;
import org.streamboot.server.model.BootEvent.Severity;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;

/**
 * Logins to a vDisk as boot events: the "disk attached" stage of each PC, and a refused login
 * in plain words on its card (the commonest reason a PC stops after its boot script). Called
 * from the block targets' login paths, which run off the event loops; the look-up of the PC
 * by its initiator name asks the database.
 */
public final class DiskAttachEvents {

    /** For targets built without a live view (tests, tools). */
    public static final DiskAttachEvents NONE = new DiskAttachEvents(null, null, null);

    private final LiveHub live;
    private final AdminService admin;
    private final ClientAddresses addresses;

    public DiskAttachEvents(LiveHub live, AdminService admin, ClientAddresses addresses) {
        this.live = live;
        this.admin = admin;
        this.addresses = addresses;
    }

    void iscsiLogin(String initiatorName, String vdisk) {
        emit(byInitiator(initiatorName), BootStage.DISK_ATTACHED, Severity.INFO, "attached vDisk " + vdisk + " over iSCSI",
                initiatorName);
    }

    void iscsiRefused(String initiatorName, String targetName, String reason) {
        emit(byInitiator(initiatorName), BootStage.FAILED, Severity.ERROR, "iSCSI login to " + targetName + " refused: "
                + reason, initiatorName);
    }

    void nbdOpened(InetAddress from, String export) {
        emit(byAddress(from), BootStage.DISK_ATTACHED, Severity.INFO, "attached " + export + " over NBD", from.getHostAddress());
    }

    void nbdRefused(InetAddress from, String export, String reason) {
        emit(byAddress(from), BootStage.FAILED, Severity.ERROR, "NBD export " + export + " refused: " + reason,
                from.getHostAddress());
    }

    private void emit(MacAddress mac, BootStage stage, Severity severity, String detail, String who) {
        if (live != null) {
            // Without a known PC the event still reaches the log, named by what the target saw.
            live.emit(mac, stage, severity, mac == null ? who + " " + detail : detail);
        }
    }

    private MacAddress byInitiator(String initiatorName) {
        if (admin == null) {
            return null;
        }
        return admin.macOfInitiator(initiatorName.toLowerCase(Locale.ROOT)).orElse(null);
    }

    private MacAddress byAddress(InetAddress from) {
        return addresses == null ? null : Optional.ofNullable(from).flatMap(addresses::macOf).orElse(null);
    }
}
