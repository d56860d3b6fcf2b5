package org.streamboot.server.boot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.iscsi.ChapCredentials;
import org.streamboot.server.iscsi.TargetDirectory;
import org.streamboot.server.model.Iqn;
import org.streamboot.server.scsi.BlockScsiTarget;
import org.streamboot.server.scsi.BlockTargetSettings;
import org.streamboot.server.vdisk.SessionRefusedException;
import org.streamboot.server.vdisk.VdiskSessions;

/**
 * The iSCSI target's view of the store: one target per vDisk
 * ({@code iqn.2026-11.org.streamboot:vdisk.NAME}, LUN 0), and a login opens the logging-in
 * client's own layer chain, and every session of that client shares one logical unit. The initiator name is the identity; with a CHAP secret set for the
 * client, the initiator must also prove it (CHAP_N is the initiator name).
 */
public final class IscsiTargets implements TargetDirectory {

    private static final Logger log = LoggerFactory.getLogger(IscsiTargets.class);

    /** Looks up a client's CHAP secret by initiator name (empty: no authentication). */
    public interface ChapSecrets {
        Optional<String> forInitiator(String initiatorName);
    }

    /**
     * One logical unit per view (a vDisk as one client sees it), shared by every session of that
     * client: reservations, unit attentions and COMPARE AND WRITE's atomicity belong to the
     * logical unit (SAM-5 4.6), not to a session, or two paths of one multipath initiator would
     * each see a unit of their own.
     */
    private static final class SharedUnit {
        final BlockScsiTarget target;
        final BlockDevice first;
        final Deque<BlockDevice> devices = new ArrayDeque<>();

        SharedUnit(BlockScsiTarget target, BlockDevice first) {
            this.target = target;
            this.first = first;
        }
    }

    private final VdiskSessions sessions;
    private final ChapSecrets secrets;
    private final Map<String, SharedUnit> units = new HashMap<>();

    public IscsiTargets(VdiskSessions sessions, ChapSecrets secrets) {
        this.sessions = sessions;
        this.secrets = secrets;
    }

    @Override
    public List<String> targetNames() {
        return sessions.names().stream().map(Iqn::forVdisk).toList();
    }

    @Override
    public Outcome open(String initiatorName, String targetName) {
        Optional<String> vdisk = vdiskOf(targetName);
        if (vdisk.isEmpty()) {
            return new Refused(Reason.UNKNOWN_TARGET, "no vDisk is served as " + targetName);
        }
        try {
            // Every login is checked and counted by the store, even when the view is already open.
            BlockDevice device = sessions.openForInitiator(initiatorName.toLowerCase(Locale.ROOT), vdisk.get());
            String view = vdisk.get() + "/" + initiatorName.toLowerCase(Locale.ROOT);
            synchronized (units) {
                SharedUnit unit = units.get(view);
                if (unit != null && !VdiskSessions.sameLayer(unit.first, device)) {
                    // The store gave this login a new layer (the PC booted again while a session of
                    // its last boot lingered): the old unit ends with its own sessions.
                    unit = null;
                }
                if (unit == null) {
                    String product = vdisk.get().length() > 16 ? vdisk.get().substring(0, 16) : vdisk.get();
                    unit = new SharedUnit(new BlockScsiTarget(device, BlockTargetSettings.forView(product, view, targetName,
                            BlockTargetSettings.DEFAULT_BLOCK_SIZE)), device);
                    units.put(view, unit);
                }
                unit.devices.push(device);
                SharedUnit granted = unit;
                return new Granted(unit.target, () -> release(view, granted));
            }
        } catch (SessionRefusedException e) {
            log.warn("iSCSI login of {} to {} refused: {}", initiatorName, targetName, e.getMessage());
            return switch (e.refusal().reason()) {
                case UNKNOWN_VDISK -> new Refused(Reason.UNKNOWN_TARGET, e.getMessage());
                default -> new Refused(Reason.NOT_ALLOWED, e.getMessage());
            };
        }
    }

    @Override
    public Optional<ChapCredentials> chapCredentials(String initiatorName) {
        return secrets.forInitiator(initiatorName.toLowerCase(Locale.ROOT))
                .map(secret -> ChapCredentials.oneWay(initiatorName, secret));
    }

    /**
     * Sessions leave in any order; the unit reads through the first device opened, so devices
     * are closed last-opened first and the unit's own goes with the last session.
     */
    private void release(String view, SharedUnit unit) {
        BlockDevice device;
        synchronized (units) {
            device = unit.devices.pop();
            if (unit.devices.isEmpty()) {
                units.remove(view, unit);
            }
        }
        closeQuietly(device);
    }

    private static void closeQuietly(BlockDevice device) {
        try {
            device.close();
        } catch (java.io.IOException e) {
            log.error("Closing a client's vDisk session failed: {}", e.getMessage());
        }
    }

    /** The vDisk a target name stands for; names compare case-insensitively (RFC 3722). */
    private Optional<String> vdiskOf(String targetName) {
        String wanted = targetName.toLowerCase(Locale.ROOT);
        return sessions.names().stream().filter(n -> Iqn.forVdisk(n).equals(wanted)).findFirst();
    }
}
