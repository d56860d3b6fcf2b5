package org.streamboot.server.iscsi;

/**
 * The operational values in force after login (RFC 7143 section 13).
 *
 * @param initiatorMaxRecv  the initiator's MaxRecvDataSegmentLength: the largest data segment we send
 * @param targetMaxRecv     ours: the largest data segment we accept
 */
public record SessionParams(int initiatorMaxRecv, int targetMaxRecv, int maxBurstLength, int firstBurstLength,
                            boolean initialR2T, boolean immediateData, int maxOutstandingR2T, int defaultTime2Wait,
                            int defaultTime2Retain, boolean headerDigest, boolean dataDigest) {

    /** RFC 7143 section 13 defaults, with our receive limit. */
    public static SessionParams defaults(int targetMaxRecv) {
        return new SessionParams(8192, targetMaxRecv, 262144, 65536, true, true, 1, 2, 20, false, false);
    }
}
