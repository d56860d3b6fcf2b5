package org.streamboot.server.iscsi;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.streamboot.server.block.MemoryView;
import org.streamboot.server.iscsi.Pdu.DataIn;
import org.streamboot.server.iscsi.Pdu.ScsiResponse;
import org.streamboot.server.scsi.ScsiResult;

/**
 * Turns a SCSI result into Data-In PDUs and a status (RFC 7143 sections 11.4 and 11.7):
 * segments of at most the initiator's MaxRecvDataSegmentLength, F at the end of every
 * MaxBurstLength sequence, status in the last Data-In (S bit) when there is no sense data,
 * else a separate SCSI Response whose data is the 2-byte SenseLength and the sense bytes.
 * Residuals follow 11.4.5: a SCSI transfer length (data-in produced, or data-out the CDB names)
 * above the expected length is overflow, below it underflow.
 */
final class ResponseBuilder {

    /** Assigns StatSN and reads the current ExpCmdSN/MaxCmdSN: the session's counters. */
    interface Numbers {
        int nextStatSn();

        int expCmdSn();

        int maxCmdSn();
    }

    private ResponseBuilder() {
    }

    static List<Pdu> build(long lun, int itt, int expectedLength, boolean write, int r2tCount, ScsiResult result,
                           SessionParams params, Numbers numbers) {
        ByteBuffer in = result.dataIn().duplicate();
        MemoryView view = result.dataView();
        int produced = result.dataInLength();
        boolean dataOut = write || result.dataOutLength() >= 0;
        int send = dataOut ? 0 : Math.min(produced, expectedLength);
        // The SCSI transfer length: what the CDB names for data-out (a write with no CDB-derived
        // length is taken at its word), what the logical unit produced for data-in.
        long transfer = !dataOut ? produced : result.dataOutLength() >= 0 ? result.dataOutLength() : expectedLength;
        boolean overflow = transfer > expectedLength;
        boolean underflow = transfer < expectedLength;
        int residual = (int) Math.min(Math.abs(transfer - expectedLength), 0xffff_ffffL);
        boolean statusInData = send > 0 && result.sense() == null;
        List<Pdu> out = new ArrayList<>();
        int offset = 0;
        int dataSn = 0;
        int burstLeft = params.maxBurstLength();
        while (offset < send) {
            int length = Math.min(Math.min(params.initiatorMaxRecv(), burstLeft), send - offset);
            // Views, not copies: the result's buffer is never written again, and a lent view's
            // memory stays valid until the writes that use it complete (IscsiConnectionHandler).
            ByteBuffer[] chunk = view != null ? view.slices(offset, length)
                    : new ByteBuffer[] {in.slice(in.position() + offset, length)};
            offset += length;
            burstLeft -= length;
            boolean last = offset == send;
            boolean fin = last || burstLeft == 0;
            if (burstLeft == 0) {
                burstLeft = params.maxBurstLength();
            }
            boolean status = last && statusInData;
            out.add(new DataIn(fin, status, status && overflow, status && underflow, status ? result.status().code : 0,
                    lun, itt, Pdu.NO_TAG, status ? numbers.nextStatSn() : 0, numbers.expCmdSn(), numbers.maxCmdSn(),
                    dataSn++, offset - length, status ? residual : 0, chunk));
        }
        if (!statusInData) {
            out.add(new ScsiResponse(overflow, underflow, 0, result.status().code, itt, numbers.nextStatSn(),
                    numbers.expCmdSn(), numbers.maxCmdSn(), write ? r2tCount : dataSn, residual, senseSegment(result)));
        }
        return out;
    }

    /** A response with no SCSI status: the command never reached the logical unit (11.4.3 "Target Failure"). */
    static ScsiResponse targetFailure(int itt, Numbers numbers) {
        return new ScsiResponse(false, false, 0x01, 0, itt, numbers.nextStatSn(), numbers.expCmdSn(), numbers.maxCmdSn(), 0,
                0, Pdu.EMPTY);
    }

    private static byte[] senseSegment(ScsiResult result) {
        if (result.sense() == null) {
            return Pdu.EMPTY;
        }
        byte[] sense = result.sense().fixedFormat();
        byte[] segment = new byte[2 + sense.length];
        segment[0] = (byte) (sense.length >> 8);
        segment[1] = (byte) sense.length;
        System.arraycopy(sense, 0, segment, 2, sense.length);
        return segment;
    }
}
