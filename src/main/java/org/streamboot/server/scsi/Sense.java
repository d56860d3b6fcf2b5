package org.streamboot.server.scsi;

/**
 * The sense data this target reports, by name. Codes are from SPC-5 Annex F (ASC/ASCQ
 * assignments); the field pointers follow SPC-5 4.4.2.3 so that an initiator's log can name
 * the byte and bit it got wrong.
 */
public final class Sense {

    private static final int SKSV = 0x80_0000;
    private static final int COMMAND_DATA = 0x40_0000; // C/D: the pointer is into the CDB
    private static final int BIT_POINTER_VALID = 0x08_0000;

    private Sense() {
    }

    public static SenseData noSense() {
        return SenseData.of(SenseData.NO_SENSE, 0x00, 0x00);
    }

    public static SenseData invalidOpcode() {
        return new SenseData(SenseData.ILLEGAL_REQUEST, 0x20, 0x00, -1, cdbPointer(0, 7));
    }

    /** INVALID FIELD IN CDB pointing at {@code bit} of CDB byte {@code index}. */
    public static SenseData invalidFieldInCdb(int index, int bit) {
        return new SenseData(SenseData.ILLEGAL_REQUEST, 0x24, 0x00, -1, cdbPointer(index, bit));
    }

    /** INVALID FIELD IN CDB without a pointer (e.g. a CDB shorter than its opcode needs). */
    public static SenseData invalidFieldInCdb() {
        return SenseData.of(SenseData.ILLEGAL_REQUEST, 0x24, 0x00);
    }

    /** INVALID FIELD IN PARAMETER LIST pointing at byte {@code index} of the data-out buffer. */
    public static SenseData invalidFieldInParameterList(int index) {
        return new SenseData(SenseData.ILLEGAL_REQUEST, 0x26, 0x00, -1, SKSV | (index & 0xffff));
    }

    public static SenseData parameterListLengthError() {
        return SenseData.of(SenseData.ILLEGAL_REQUEST, 0x1a, 0x00);
    }

    /**
     * The data-out buffer is shorter than the CDB's transfer length: nothing is written (the
     * FCP-4 "transfer no data" choice that libiscsi's residual tests accept; SPC-5 F.2).
     */
    public static SenseData invalidFieldInInformationUnit() {
        return SenseData.of(SenseData.ILLEGAL_REQUEST, 0x0e, 0x03);
    }

    public static SenseData lbaOutOfRange() {
        return SenseData.of(SenseData.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    public static SenseData logicalUnitNotSupported() {
        return SenseData.of(SenseData.ILLEGAL_REQUEST, 0x25, 0x00);
    }

    public static SenseData savingParametersNotSupported() {
        return SenseData.of(SenseData.ILLEGAL_REQUEST, 0x39, 0x00);
    }

    public static SenseData writeProtected() {
        return SenseData.of(SenseData.DATA_PROTECT, 0x27, 0x00);
    }

    /** A thin-provisioned write cache is full (SBC-4 4.7.3.6). */
    public static SenseData spaceAllocationFailed() {
        return SenseData.of(SenseData.DATA_PROTECT, 0x27, 0x07);
    }

    public static SenseData unrecoveredReadError() {
        return SenseData.of(SenseData.MEDIUM_ERROR, 0x11, 0x00);
    }

    public static SenseData writeError() {
        return SenseData.of(SenseData.MEDIUM_ERROR, 0x0c, 0x00);
    }

    /** MISCOMPARE DURING VERIFY OPERATION; INFORMATION is the offset of the first differing byte. */
    public static SenseData miscompare(long offset) {
        return new SenseData(SenseData.MISCOMPARE, 0x1d, 0x00, offset);
    }

    /** UNIT ATTENTION: BUS DEVICE RESET FUNCTION OCCURRED, after a logical unit or target reset. */
    public static SenseData busDeviceResetOccurred() {
        return SenseData.of(SenseData.UNIT_ATTENTION, 0x29, 0x03);
    }

    /** PERSISTENT RESERVE OUT RELEASE with a TYPE other than the reservation's (SPC-5 5.13.11.2). */
    public static SenseData invalidReleaseOfPersistentReservation() {
        return SenseData.of(SenseData.ILLEGAL_REQUEST, 0x26, 0x04);
    }

    public static SenseData internalTargetFailure() {
        return SenseData.of(SenseData.HARDWARE_ERROR, 0x44, 0x00);
    }

    private static int cdbPointer(int index, int bit) {
        return SKSV | COMMAND_DATA | BIT_POINTER_VALID | ((bit & 7) << 16) | (index & 0xffff);
    }
}
