package org.streamboot.server.scsi;

import java.nio.ByteBuffer;

/**
 * One SCSI command from a transport.
 *
 * @param lun                the logical unit (SAM-5 single-level LUN number)
 * @param cdb                the command descriptor block, exactly as received (6 to 16 bytes)
 * @param dataOut            data the initiator sent with the command (writes, MODE SELECT, UNMAP);
 *                           an empty buffer when none
 * @param allocationLength   how many bytes of data-in the initiator expects at most (the
 *                           transport's expected data transfer length); results are cut to it
 * @param initiator          who sends it (the iSCSI initiator name), for logs
 * @param nexus              the I_T nexus the command arrived on (SAM-5 4.6): reservations,
 *                           registrations and unit attentions belong to it. For iSCSI the
 *                           initiator name and ISID (RFC 7143 4.4.1), so two sessions of one
 *                           initiator are two nexuses
 */
public record ScsiRequest(long lun, byte[] cdb, ByteBuffer dataOut, int allocationLength, String initiator,
                          String nexus) {

    /** A request whose transport has one nexus per initiator. */
    public ScsiRequest(long lun, byte[] cdb, ByteBuffer dataOut, int allocationLength, String initiator) {
        this(lun, cdb, dataOut, allocationLength, initiator, initiator);
    }

    public int opcode() {
        return cdb.length == 0 ? -1 : cdb[0] & 0xff;
    }
}
