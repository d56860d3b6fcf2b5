package org.streamboot.server.scsi;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

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
 * @param dataInBuffer       gives the buffer a READ fills: exactly the requested capacity,
 *                           position 0. A transport that copies the data out before the next
 *                           command can lend pooled (direct) memory here instead of a fresh
 *                           heap array per read, which for 1 MiB reads is a humongous G1 object
 */
public record ScsiRequest(long lun, byte[] cdb, ByteBuffer dataOut, int allocationLength, String initiator,
                          String nexus, IntFunction<ByteBuffer> dataInBuffer) {

    public ScsiRequest {
        dataInBuffer = dataInBuffer == null ? ByteBuffer::allocate : dataInBuffer;
    }

    public ScsiRequest(long lun, byte[] cdb, ByteBuffer dataOut, int allocationLength, String initiator, String nexus) {
        this(lun, cdb, dataOut, allocationLength, initiator, nexus, null);
    }

    /** A request whose transport has one nexus per initiator. */
    public ScsiRequest(long lun, byte[] cdb, ByteBuffer dataOut, int allocationLength, String initiator) {
        this(lun, cdb, dataOut, allocationLength, initiator, initiator);
    }

    /** This request, READ data going into buffers from {@code buffers}. */
    public ScsiRequest withDataInBuffer(IntFunction<ByteBuffer> buffers) {
        return new ScsiRequest(lun, cdb, dataOut, allocationLength, initiator, nexus, buffers);
    }

    public int opcode() {
        return cdb.length == 0 ? -1 : cdb[0] & 0xff;
    }
}
