package org.streamboot.server.iscsi;

/**
 * What this target offers in operational negotiation. The defaults allow large bursts and
 * unsolicited data, which halves the round trips of a write compared with InitialR2T=Yes.
 *
 * @param maxRecvDataSegmentLength declared to the initiator (RFC 7143 13.12)
 * @param nopInterval  seconds of silence before a NOP-In ping; 0 disables pings
 * @param nopTimeout   seconds to wait for the NOP-Out answer before closing the connection
 */
public record TargetLimits(int maxRecvDataSegmentLength, int maxBurstLength, int firstBurstLength, int maxOutstandingR2T,
                           boolean initialR2T, boolean immediateData, int commandWindow, int maxTransferLength,
                           int nopInterval, int nopTimeout) {

    public static final TargetLimits DEFAULTS = new TargetLimits(262144, 1 << 20, 262144, 8, false, true, 32, 32 << 20,
            30, 15);

    public TargetLimits {
        if (maxRecvDataSegmentLength < 512 || maxRecvDataSegmentLength > IscsiFrameDecoder.HARD_LIMIT) {
            throw new IllegalArgumentException("MaxRecvDataSegmentLength must be 512.." + IscsiFrameDecoder.HARD_LIMIT);
        }
        if (firstBurstLength > maxBurstLength || commandWindow < 1 || maxOutstandingR2T < 1) {
            throw new IllegalArgumentException("inconsistent iSCSI limits");
        }
    }
}
