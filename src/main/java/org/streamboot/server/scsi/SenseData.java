package org.streamboot.server.scsi;

/**
 * Why a command ended in CHECK CONDITION: sense key, additional sense code and qualifier
 * (SPC-5 4.4). Encoded in fixed format (response code 0x70), which every initiator reads.
 *
 * @param information        the INFORMATION field (e.g. the first bad LBA), or -1 when not valid
 * @param senseKeySpecific   the 3-byte SENSE KEY SPECIFIC field with its SKSV bit already set
 *                           (SPC-5 4.4.2.3), or -1 when there is none; see {@link Sense}
 */
public record SenseData(int senseKey, int asc, int ascq, long information, int senseKeySpecific) {

    public static final int NO_SENSE = 0x0, RECOVERED_ERROR = 0x1, NOT_READY = 0x2, MEDIUM_ERROR = 0x3,
            HARDWARE_ERROR = 0x4, ILLEGAL_REQUEST = 0x5, UNIT_ATTENTION = 0x6, DATA_PROTECT = 0x7, ABORTED_COMMAND = 0xb,
            MISCOMPARE = 0xe;

    /** Length of {@link #fixedFormat()}: 8 header bytes plus an additional sense length of 10. */
    public static final int FIXED_LENGTH = 18;

    public SenseData(int senseKey, int asc, int ascq, long information) {
        this(senseKey, asc, ascq, information, -1);
    }

    public static SenseData of(int senseKey, int asc, int ascq) {
        return new SenseData(senseKey, asc, ascq, -1, -1);
    }

    /** 18-byte fixed-format sense data (SPC-5 4.4.3). */
    public byte[] fixedFormat() {
        byte[] b = new byte[FIXED_LENGTH];
        // The INFORMATION field holds 4 bytes; a larger value (an LBA above 2^32) cannot be
        // reported in fixed format, so VALID stays clear rather than lying (SPC-5 4.4.3).
        boolean informationValid = information >= 0 && information <= 0xffff_ffffL;
        b[0] = (byte) (informationValid ? 0xf0 : 0x70);
        b[2] = (byte) (senseKey & 0x0f);
        if (informationValid) {
            b[3] = (byte) (information >>> 24);
            b[4] = (byte) (information >>> 16);
            b[5] = (byte) (information >>> 8);
            b[6] = (byte) information;
        }
        b[7] = 10; // additional sense length: bytes 8..17
        b[12] = (byte) asc;
        b[13] = (byte) ascq;
        if (senseKeySpecific >= 0) {
            b[15] = (byte) (senseKeySpecific >>> 16);
            b[16] = (byte) (senseKeySpecific >>> 8);
            b[17] = (byte) senseKeySpecific;
        }
        return b;
    }
}
