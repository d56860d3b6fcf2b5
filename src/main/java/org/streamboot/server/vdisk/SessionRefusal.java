package org.streamboot.server.vdisk;

/**
 * Why a client may not open a vDisk; the block targets turn the reason into their protocol's
 * refusal (an iSCSI login status, an NBD option error).
 */
public record SessionRefusal(Reason reason, String message) {

    public enum Reason {
        /** No vDisk by that name (iSCSI: target not found). */
        UNKNOWN_VDISK,
        /** The initiator or client name belongs to no registered PC. */
        UNKNOWN_CLIENT,
        /** The PC exists but is not approved, or the vDisk is not assigned to it or its group. */
        NOT_ALLOWED,
        /** A private-mode vDisk is in use by another PC. */
        IN_USE,
        /** The vDisk cannot be served as it is (missing file, mode not served yet). */
        UNAVAILABLE
    }
}
