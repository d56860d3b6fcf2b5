package org.streamboot.server.scsi;

/**
 * How many bytes of data-out a CDB itself names: the SCSI transfer length that RFC 7143 11.4.5
 * compares with the iSCSI Expected Data Transfer Length to set the residual. The CDB is already
 * known to be as long as its opcode needs.
 */
final class DataOutLength {

    private DataOutLength() {
    }

    /** Bytes of data-out, or -1 for a command that moves no data-out (reads, INQUIRY, ...). */
    static long of(Command command, byte[] cdb, int blockSize) {
        return switch (command) {
            case WRITE_6 -> (Cdb.u8(cdb, 4) == 0 ? 256 : Cdb.u8(cdb, 4)) * (long) blockSize; // SBC-4 5.46
            case WRITE_10, WRITE_AND_VERIFY_10 -> Cdb.u16(cdb, 7) * (long) blockSize;
            case WRITE_12, WRITE_AND_VERIFY_12 -> Cdb.u32(cdb, 6) * blockSize;
            case WRITE_16, WRITE_AND_VERIFY_16, ORWRITE_16 -> Cdb.u32(cdb, 10) * blockSize;
            // VERIFY: BYTCHK 00b sends nothing, 01b the whole range, 11b one block (SBC-4 5.35).
            case VERIFY_10 -> verify(cdb, Cdb.u16(cdb, 7), blockSize);
            case VERIFY_12 -> verify(cdb, Cdb.u32(cdb, 6), blockSize);
            case VERIFY_16 -> verify(cdb, Cdb.u32(cdb, 10), blockSize);
            // COMPARE AND WRITE: verify data then write data (SBC-4 5.3).
            case COMPARE_AND_WRITE -> 2L * Cdb.u8(cdb, 13) * blockSize;
            case WRITE_SAME_10 -> blockSize;
            case WRITE_SAME_16 -> Cdb.bit(cdb, 1, 0) ? 0 : blockSize; // NDOB: no data-out buffer
            case UNMAP, MODE_SELECT_10 -> Cdb.u16(cdb, 7);
            case MODE_SELECT_6 -> Cdb.u8(cdb, 4);
            case PR_OUT_REGISTER, PR_OUT_RESERVE, PR_OUT_RELEASE, PR_OUT_CLEAR, PR_OUT_PREEMPT, PR_OUT_PREEMPT_AND_ABORT,
                 PR_OUT_REGISTER_AND_IGNORE_EXISTING_KEY -> Cdb.u32(cdb, 5); // SPC-5 6.16.1
            default -> -1;
        };
    }

    private static long verify(byte[] cdb, long blocks, int blockSize) {
        return switch ((Cdb.u8(cdb, 1) >>> 1) & 3) {
            case 1 -> blocks * blockSize;
            case 3 -> blocks == 0 ? 0 : blockSize;
            default -> 0;
        };
    }
}
