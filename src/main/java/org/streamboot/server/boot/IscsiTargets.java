package org.streamboot.server.boot;

import java.util.List;
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
 * client's own layer chain. The initiator name is the identity; with a CHAP secret set for the
 * client, the initiator must also prove it (CHAP_N is the initiator name).
 */
public final class IscsiTargets implements TargetDirectory {

    private static final Logger log = LoggerFactory.getLogger(IscsiTargets.class);

    /** Looks up a client's CHAP secret by initiator name (empty: no authentication). */
    public interface ChapSecrets {
        Optional<String> forInitiator(String initiatorName);
    }

    private final VdiskSessions sessions;
    private final ChapSecrets secrets;

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
            BlockDevice device = sessions.openForInitiator(initiatorName.toLowerCase(Locale.ROOT), vdisk.get());
            String product = vdisk.get().length() > 16 ? vdisk.get().substring(0, 16) : vdisk.get();
            BlockScsiTarget target = new BlockScsiTarget(device, BlockTargetSettings.forView(product,
                    vdisk.get() + "/" + initiatorName.toLowerCase(Locale.ROOT), targetName, BlockTargetSettings.DEFAULT_BLOCK_SIZE));
            return new Granted(target, () -> closeQuietly(device));
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
