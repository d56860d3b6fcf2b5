package org.streamboot.server.iscsi;

import java.util.List;
import java.util.Optional;
import org.streamboot.server.scsi.ScsiTarget;

/**
 * Who may reach which target: the iSCSI layer's only way to the vDisk store and the client
 * database. Every method may block (database, disk): the target calls them off the event loop.
 */
public interface TargetDirectory {

    /** Serves nothing: discovery lists no target and every login to a target is "Not found". */
    TargetDirectory EMPTY = new TargetDirectory() {
        @Override
        public List<String> targetNames() {
            return List.of();
        }

        @Override
        public Outcome open(String initiatorName, String targetName) {
            return new Refused(Reason.UNKNOWN_TARGET, "no target " + targetName + " is configured");
        }
    };

    /** Every target name this server serves, for SendTargets=All (RFC 7143 appendix C). */
    List<String> targetNames();

    /**
     * Opens an initiator's own view of a target: each initiator gets its own write cache, so two
     * sessions never share a {@link ScsiTarget} unless they are the same client's.
     */
    Outcome open(String initiatorName, String targetName);

    /** The CHAP secrets an initiator must prove; empty when it logs in without authentication. */
    default Optional<ChapCredentials> chapCredentials(String initiatorName) {
        return Optional.empty();
    }

    /** The answer to {@link #open}. */
    sealed interface Outcome {
    }

    /**
     * @param target   the SCSI logical units this initiator sees
     * @param release  called once when the session ends (logout, connection loss, failed login)
     */
    record Granted(ScsiTarget target, Runnable release) implements Outcome {
        public Granted(ScsiTarget target) {
            this(target, () -> { });
        }
    }

    record Refused(Reason reason, String explanation) implements Outcome {
    }

    enum Reason {
        /** Login status 0x0203, "Not found". */
        UNKNOWN_TARGET,
        /** Login status 0x0202, "Authorization failure". */
        NOT_ALLOWED
    }
}
