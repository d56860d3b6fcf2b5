package org.streamboot.server.scsi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Decodes each command's CDB fields (SBC-4 5, SPC-5 6) and runs it. The CDB is already known to
 * be long enough and free of reserved bits. Data-in is cut to the smaller of the CDB's
 * ALLOCATION LENGTH and the transport's expected length (SPC-5 4.2.5.6).
 */
final class CommandDispatch {

    private static final int SELECT_ALL = 0x00, SELECT_WELL_KNOWN = 0x01, SELECT_ALL_ACCESSIBLE = 0x02;

    private final Medium medium;
    private final InquiryPages inquiry;
    private final ModePages modePages;
    private final MediumCommands io;
    private final ProvisioningCommands provisioning;
    private final Reservations reservations;
    private final PersistentReserveCommands persistent;

    CommandDispatch(Medium medium, InquiryPages inquiry, ModePages modePages, Reservations reservations) {
        this.medium = medium;
        this.reservations = reservations;
        this.persistent = new PersistentReserveCommands(reservations);
        this.inquiry = inquiry;
        this.modePages = modePages;
        this.io = new MediumCommands(medium);
        this.provisioning = new ProvisioningCommands(medium);
    }

    /** A READ answered from RAM, or null when it would block or {@code command} is no READ. */
    ScsiResult readFromMemory(Command command, ScsiRequest r, byte[] cdb) throws CommandException, IOException {
        return switch (command) {
            case READ_6 -> io.readFromMemory(r, Cdb.u24(cdb, 1) & 0x1f_ffff, length6(cdb), 4);
            case READ_10 -> io.readFromMemory(r, Cdb.u32(cdb, 2), Cdb.u16(cdb, 7), 7);
            case READ_12 -> io.readFromMemory(r, Cdb.u32(cdb, 2), Cdb.u32(cdb, 6), 6);
            case READ_16 -> io.readFromMemory(r, Cdb.u64(cdb, 2), Cdb.u32(cdb, 10), 10);
            default -> null;
        };
    }

    ScsiResult run(Command command, ScsiRequest r, byte[] cdb, boolean lunZero) throws CommandException, IOException {
        return switch (command) {
            case TEST_UNIT_READY, START_STOP_UNIT, PREVENT_ALLOW_MEDIUM_REMOVAL -> ScsiResult.good();
            case REQUEST_SENSE -> // no sense is ever pending: errors are reported with the command (SPC-5 6.39)
                    dataIn(r, (lunZero ? Sense.noSense() : Sense.logicalUnitNotSupported()).fixedFormat(), Cdb.u8(cdb, 4));
            case INQUIRY -> inquiry(r, cdb, lunZero);
            case MODE_SENSE_6 -> dataIn(r, modePages.sense(cdb, false), Cdb.u8(cdb, 4));
            case MODE_SENSE_10 -> dataIn(r, modePages.sense(cdb, true), Cdb.u16(cdb, 7));
            case MODE_SELECT_6 -> select(r, cdb, false);
            case MODE_SELECT_10 -> select(r, cdb, true);
            case READ_CAPACITY_10 -> dataIn(r, readCapacity10(), 8);
            case READ_CAPACITY_16 -> dataIn(r, readCapacity16(), Cdb.u32(cdb, 10));
            case GET_LBA_STATUS -> dataIn(r, provisioning.lbaStatus(cdb), Cdb.u32(cdb, 10));
            case REPORT_LUNS -> dataIn(r, reportLuns(cdb), Cdb.u32(cdb, 6));
            case REPORT_SUPPORTED_OPERATION_CODES -> dataIn(r, SupportedOperationCodes.report(cdb), Cdb.u32(cdb, 6));
            // READ (6)/WRITE (6): 21-bit LBA; a TRANSFER LENGTH of 0 means 256 blocks (SBC-4 5.14).
            case READ_6 -> io.read(r, Cdb.u24(cdb, 1) & 0x1f_ffff, length6(cdb), 4);
            case WRITE_6 -> io.write(r, Cdb.u24(cdb, 1) & 0x1f_ffff, length6(cdb), 4, false);
            case READ_10 -> io.read(r, Cdb.u32(cdb, 2), Cdb.u16(cdb, 7), 7);
            case READ_12 -> io.read(r, Cdb.u32(cdb, 2), Cdb.u32(cdb, 6), 6);
            case READ_16 -> io.read(r, Cdb.u64(cdb, 2), Cdb.u32(cdb, 10), 10);
            case WRITE_10 -> io.write(r, Cdb.u32(cdb, 2), Cdb.u16(cdb, 7), 7, fua(cdb));
            case WRITE_12 -> io.write(r, Cdb.u32(cdb, 2), Cdb.u32(cdb, 6), 6, fua(cdb));
            case WRITE_16 -> io.write(r, Cdb.u64(cdb, 2), Cdb.u32(cdb, 10), 10, fua(cdb));
            case WRITE_AND_VERIFY_10 -> io.writeAndVerify(r, cdb, Cdb.u32(cdb, 2), Cdb.u16(cdb, 7), 7);
            case WRITE_AND_VERIFY_12 -> io.writeAndVerify(r, cdb, Cdb.u32(cdb, 2), Cdb.u32(cdb, 6), 6);
            case WRITE_AND_VERIFY_16 -> io.writeAndVerify(r, cdb, Cdb.u64(cdb, 2), Cdb.u32(cdb, 10), 10);
            case VERIFY_10 -> io.verify(r, cdb, Cdb.u32(cdb, 2), Cdb.u16(cdb, 7), 7);
            case VERIFY_12 -> io.verify(r, cdb, Cdb.u32(cdb, 2), Cdb.u32(cdb, 6), 6);
            case VERIFY_16 -> io.verify(r, cdb, Cdb.u64(cdb, 2), Cdb.u32(cdb, 10), 10);
            case COMPARE_AND_WRITE -> io.compareAndWrite(r, cdb);
            case ORWRITE_16 -> io.orWrite(r, Cdb.u64(cdb, 2), Cdb.u32(cdb, 10), fua(cdb));
            case PRE_FETCH_10 -> io.preFetch(Cdb.u32(cdb, 2), Cdb.u16(cdb, 7));
            case PRE_FETCH_16 -> io.preFetch(Cdb.u64(cdb, 2), Cdb.u32(cdb, 10));
            case SYNCHRONIZE_CACHE_10 -> io.synchronizeCache(Cdb.u32(cdb, 2), toEnd(Cdb.u32(cdb, 2), Cdb.u16(cdb, 7)));
            case SYNCHRONIZE_CACHE_16 -> io.synchronizeCache(Cdb.u64(cdb, 2), toEnd(Cdb.u64(cdb, 2), Cdb.u32(cdb, 10)));
            case WRITE_SAME_10 -> provisioning.writeSame(r, cdb, Cdb.u32(cdb, 2), Cdb.u16(cdb, 7), 7);
            case WRITE_SAME_16 -> provisioning.writeSame(r, cdb, Cdb.u64(cdb, 2), Cdb.u32(cdb, 10), 10);
            case UNMAP -> provisioning.unmap(r, cdb);
            case RESERVE_6 -> reservations.reserve6(r.nexus());
            case RELEASE_6 -> reservations.release6(r.nexus());
            case PR_IN_READ_KEYS, PR_IN_READ_RESERVATION, PR_IN_REPORT_CAPABILITIES, PR_IN_READ_FULL_STATUS ->
                    dataIn(r, persistent.in(command), Cdb.u16(cdb, 7));
            case PR_OUT_REGISTER, PR_OUT_RESERVE, PR_OUT_RELEASE, PR_OUT_CLEAR, PR_OUT_PREEMPT, PR_OUT_PREEMPT_AND_ABORT,
                 PR_OUT_REGISTER_AND_IGNORE_EXISTING_KEY -> persistent.out(command, cdb, r.dataOut(), r.nexus());
        };
    }

    private ScsiResult inquiry(ScsiRequest r, byte[] cdb, boolean lunZero) throws CommandException {
        boolean evpd = Cdb.bit(cdb, 1, 0);
        int page = Cdb.u8(cdb, 2);
        if (!evpd && page != 0) { // a page code needs EVPD (SPC-5 6.7.1)
            throw new CommandException(Sense.invalidFieldInCdb(2, 7));
        }
        byte[] data = evpd ? inquiry.vpd(page) : inquiry.standard(lunZero);
        if (!lunZero) {
            data[0] = (byte) 0x7f; // VPD pages too: no logical unit here
        }
        return dataIn(r, data, Cdb.u16(cdb, 3));
    }

    private ScsiResult select(ScsiRequest r, byte[] cdb, boolean ten) throws CommandException {
        modePages.select(cdb, ten, r.dataOut());
        return ScsiResult.good();
    }

    /** READ CAPACITY (10) (SBC-4 5.20): all ones when the last LBA needs more than 32 bits. */
    private byte[] readCapacity10() {
        byte[] b = new byte[8];
        Cdb.put32(b, 0, Math.min(lastLba(), 0xffff_ffffL));
        Cdb.put32(b, 4, medium.blockSize);
        return b;
    }

    /** READ CAPACITY (16) (SBC-4 5.21): LBPME and LBPRZ set, no protection, physical = logical. */
    private byte[] readCapacity16() {
        byte[] b = new byte[32];
        Cdb.put64(b, 0, lastLba());
        Cdb.put32(b, 8, medium.blockSize);
        b[14] = (byte) 0xc0; // LBPME: UNMAP and WRITE SAME unmap; LBPRZ: unmapped blocks read zeros
        return b;
    }

    private long lastLba() {
        return Math.max(0, medium.blocks - 1);
    }

    /** REPORT LUNS (SPC-5 6.33): LUN 0 only; there are no well-known or administrative LUs. */
    private static byte[] reportLuns(byte[] cdb) throws CommandException {
        int select = Cdb.u8(cdb, 2);
        int luns = switch (select) {
            case SELECT_ALL, SELECT_ALL_ACCESSIBLE -> 1;
            case SELECT_WELL_KNOWN, 0x10, 0x11, 0x12 -> 0;
            default -> throw new CommandException(Sense.invalidFieldInCdb(2, 7));
        };
        byte[] b = new byte[8 + 8 * luns]; // LUN 0 is eight zero bytes
        Cdb.put32(b, 0, 8L * luns);
        return b;
    }

    private static long length6(byte[] cdb) {
        int n = Cdb.u8(cdb, 4);
        return n == 0 ? 256 : n;
    }

    private static boolean fua(byte[] cdb) {
        return Cdb.bit(cdb, 1, 3);
    }

    /** SYNCHRONIZE CACHE: NUMBER OF LOGICAL BLOCKS 0 means "to the last LBA" (SBC-4 5.24). */
    private long toEnd(long lba, long count) {
        return count != 0 || lba < 0 || lba > medium.blocks ? count : medium.blocks - lba;
    }

    private static ScsiResult dataIn(ScsiRequest r, byte[] data, long allocationLength) {
        long length = Math.min(data.length, Math.min(allocationLength, Math.max(0, r.allocationLength())));
        return ScsiResult.good(ByteBuffer.wrap(data, 0, (int) length).slice());
    }
}
