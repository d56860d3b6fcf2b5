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
 * @param initiator          who sends it (the iSCSI initiator name), for reservations and logs
 */
public record ScsiRequest(long lun, byte[] cdb, ByteBuffer dataOut, int allocationLength, String initiator) {

    public int opcode() {
        return cdb.length == 0 ? -1 : cdb[0] & 0xff;
    }
}
