package org.streamboot.server.iscsi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.streamboot.server.iscsi.Pdu.DataOut;

/**
 * Collects the data-out of one write command (RFC 7143 sections 4.2.5 and 11.7-11.8): immediate
 * data, then unsolicited Data-Out up to FirstBurstLength when InitialR2T=No and the command's F
 * bit is clear, then solicited bursts of at most MaxBurstLength, with at most MaxOutstandingR2T
 * R2Ts in flight. DataPDUInOrder and DataSequenceInOrder are Yes, so offsets must be contiguous
 * and each Data-Out sequence numbers its PDUs from DataSN 0. No I/O.
 */
final class WriteCollector {

    enum State { UNSOLICITED, SOLICITED, COMPLETE }

    /** An R2T to send: the session fills in StatSN, ExpCmdSN and MaxCmdSN. */
    record Solicitation(int ttt, int r2tSn, int offset, int length) {
    }

    private static final class Burst {
        final Solicitation r2t;
        int received;
        int nextDataSn;

        Burst(Solicitation r2t) {
            this.r2t = r2t;
        }
    }

    private final byte[] buffer;
    private final int maxBurst;
    private final int maxOutstanding;
    private final IntSupplier tagAllocator;
    private final int unsolicitedLimit;
    private final Map<Integer, Burst> outstanding = new LinkedHashMap<>();
    private State state;
    private int unsolicitedReceived;
    private int unsolicitedDataSn;
    private int nextSolicitOffset;
    private int received;
    private int r2tSn;

    /**
     * @param moreUnsolicited true when the command's F bit was clear and InitialR2T=No, so
     *                        unsolicited Data-Out PDUs follow (RFC 7143 11.3.1)
     */
    WriteCollector(int expectedLength, byte[] immediate, boolean moreUnsolicited, SessionParams params,
                   IntSupplier tagAllocator) {
        this.buffer = new byte[expectedLength];
        this.maxBurst = params.maxBurstLength();
        this.maxOutstanding = params.maxOutstandingR2T();
        this.tagAllocator = tagAllocator;
        this.unsolicitedLimit = params.initialR2T() ? immediate.length
                : Math.min(Math.max(params.firstBurstLength(), immediate.length), expectedLength);
        System.arraycopy(immediate, 0, buffer, 0, immediate.length);
        this.unsolicitedReceived = immediate.length;
        this.received = immediate.length;
        this.state = moreUnsolicited && unsolicitedReceived < unsolicitedLimit ? State.UNSOLICITED : State.SOLICITED;
        this.nextSolicitOffset = received;
        if (state == State.SOLICITED && received == buffer.length) {
            state = State.COMPLETE;
        }
    }

    /** Checks immediate data against the command before construction: null when fine. */
    static String checkImmediate(int immediateLength, int expectedLength, SessionParams params) {
        if (immediateLength > 0 && !params.immediateData()) {
            return "immediate data sent although ImmediateData=No";
        }
        if (immediateLength > expectedLength || immediateLength > params.firstBurstLength()) {
            return "immediate data of " + immediateLength + " bytes exceeds the expected length or FirstBurstLength";
        }
        return null;
    }

    State state() {
        return state;
    }

    /** Number of R2Ts sent so far: the ExpDataSN of the final SCSI Response (RFC 7143 11.4.8). */
    int r2tCount() {
        return r2tSn;
    }

    byte[] data() {
        return buffer;
    }

    boolean owns(int ttt) {
        return outstanding.containsKey(ttt);
    }

    /** Accepts one Data-Out; returns null when it fits, else why it is a protocol error. */
    String accept(DataOut d) {
        return d.ttt() == Pdu.NO_TAG ? acceptUnsolicited(d) : acceptSolicited(d);
    }

    private String acceptUnsolicited(DataOut d) {
        if (state != State.UNSOLICITED) {
            return "unsolicited Data-Out not expected";
        }
        if (d.dataSn() != unsolicitedDataSn || d.bufferOffset() != unsolicitedReceived
                || (long) d.bufferOffset() + d.data().length > unsolicitedLimit) {
            return "unsolicited Data-Out out of sequence (DataSN " + d.dataSn() + ", offset " + d.bufferOffset() + ")";
        }
        store(d);
        unsolicitedDataSn++;
        unsolicitedReceived += d.data().length;
        if (d.fin() || unsolicitedReceived == unsolicitedLimit) {
            state = received == buffer.length ? State.COMPLETE : State.SOLICITED;
            nextSolicitOffset = received;
        }
        return null;
    }

    private String acceptSolicited(DataOut d) {
        Burst burst = outstanding.get(d.ttt());
        if (burst == null) {
            return "Data-Out for unknown Target Transfer Tag " + Integer.toUnsignedString(d.ttt());
        }
        int expectedOffset = burst.r2t.offset() + burst.received;
        if (d.dataSn() != burst.nextDataSn || d.bufferOffset() != expectedOffset
                || burst.received + d.data().length > burst.r2t.length()) {
            return "Data-Out out of sequence (DataSN " + d.dataSn() + ", offset " + d.bufferOffset() + ")";
        }
        store(d);
        burst.nextDataSn++;
        burst.received += d.data().length;
        if (burst.received == burst.r2t.length()) {
            outstanding.remove(d.ttt());
            if (received == buffer.length) {
                state = State.COMPLETE;
            }
        }
        return null;
    }

    private void store(DataOut d) {
        System.arraycopy(d.data(), 0, buffer, d.bufferOffset(), d.data().length);
        received += d.data().length;
    }

    /** R2Ts to send now, keeping at most MaxOutstandingR2T in flight (RFC 7143 13.17). */
    List<Solicitation> solicit() {
        List<Solicitation> out = new ArrayList<>();
        if (state != State.SOLICITED) {
            return out;
        }
        while (outstanding.size() < maxOutstanding && nextSolicitOffset < buffer.length) {
            int length = Math.min(maxBurst, buffer.length - nextSolicitOffset);
            Solicitation s = new Solicitation(tagAllocator.getAsInt(), r2tSn++, nextSolicitOffset, length);
            outstanding.put(s.ttt(), new Burst(s));
            nextSolicitOffset += length;
            out.add(s);
        }
        return out;
    }
}
