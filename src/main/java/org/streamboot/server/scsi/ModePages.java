package org.streamboot.server.scsi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * MODE SENSE (6)/(10) and MODE SELECT (6)/(10) (SPC-5 6.13 to 6.16) over three fixed mode
 * pages: Caching (SBC-4 6.5.5) with WCE set, so that initiators send SYNCHRONIZE CACHE and FUA
 * (the overlay buffers writes until a flush); Control (SPC-5 7.5.8) with D_SENSE clear, since
 * sense data is fixed format; and Informational Exceptions Control (SPC-5 7.5.12) with DEXCPT
 * set, since there is nothing to predict. No field is changeable and nothing is saveable.
 */
final class ModePages {

    static final int CACHING = 0x08, CONTROL = 0x0a, INFORMATIONAL_EXCEPTIONS = 0x1c, ALL_PAGES = 0x3f;
    /** Page control (SPC-5 6.13.3): current (0) and default (2) read the same here. */
    private static final int PC_CHANGEABLE = 1, PC_SAVED = 3;
    private static final int WP = 0x80, DPOFUA = 0x10;

    private static final byte[] CACHING_PAGE = page(CACHING, 0x12, 0x04); // WCE
    private static final byte[] CONTROL_PAGE = page(CONTROL, 0x0a, 0x02, 0x10); // GLTSD; QAM 1: unrestricted reordering
    private static final byte[] IE_PAGE = page(INFORMATIONAL_EXCEPTIONS, 0x0a, 0x08); // DEXCPT

    private final long blocks;
    private final int blockSize;
    private final boolean readOnly;

    ModePages(long blocks, int blockSize, boolean readOnly) {
        this.blocks = blocks;
        this.blockSize = blockSize;
        this.readOnly = readOnly;
    }

    /** The full mode parameter list for a MODE SENSE CDB, before allocation-length truncation. */
    byte[] sense(byte[] cdb, boolean ten) throws CommandException {
        boolean dbd = Cdb.bit(cdb, 1, 3);
        boolean llbaa = ten && Cdb.bit(cdb, 1, 4);
        int pc = Cdb.u8(cdb, 2) >>> 6;
        int pageCode = Cdb.u8(cdb, 2) & 0x3f;
        int subpage = Cdb.u8(cdb, 3);
        if (pc == PC_SAVED) {
            throw new CommandException(Sense.savingParametersNotSupported());
        }
        ByteArrayOutputStream pages = new ByteArrayOutputStream();
        if (pageCode == ALL_PAGES) {
            if (subpage != 0x00 && subpage != 0xff) { // 0xff: all pages and subpages; there are no subpages
                throw new CommandException(Sense.invalidFieldInCdb(3, 7));
            }
            for (byte[] p : new byte[][] {CACHING_PAGE, CONTROL_PAGE, IE_PAGE}) {
                pages.writeBytes(pc == PC_CHANGEABLE ? changeable(p) : p);
            }
        } else {
            byte[] p = current(pageCode);
            if (p == null) {
                throw new CommandException(Sense.invalidFieldInCdb(2, 5));
            }
            if (subpage != 0) {
                throw new CommandException(Sense.invalidFieldInCdb(3, 7));
            }
            pages.writeBytes(pc == PC_CHANGEABLE ? changeable(p) : p);
        }
        byte[] descriptor = dbd ? new byte[0] : blockDescriptor(llbaa, pc == PC_CHANGEABLE);
        int header = ten ? 8 : 4;
        byte[] out = new byte[header + descriptor.length + pages.size()];
        int deviceSpecific = (readOnly ? WP : 0) | DPOFUA;
        if (ten) {
            Cdb.put16(out, 0, out.length - 2);
            out[3] = (byte) deviceSpecific;
            out[4] = (byte) (llbaa && !dbd ? 0x01 : 0x00); // LONGLBA
            Cdb.put16(out, 6, descriptor.length);
        } else {
            out[0] = (byte) (out.length - 1);
            out[2] = (byte) deviceSpecific;
            out[3] = (byte) descriptor.length;
        }
        System.arraycopy(descriptor, 0, out, header, descriptor.length);
        byte[] pageBytes = pages.toByteArray();
        System.arraycopy(pageBytes, 0, out, header + descriptor.length, pageBytes.length);
        return out;
    }

    /**
     * Accepts a parameter list that changes nothing (SPC-5 6.11): a block descriptor that
     * repeats the block length, and pages equal to the current ones. Anything else is INVALID
     * FIELD IN PARAMETER LIST pointing at the first differing byte.
     */
    void select(byte[] cdb, boolean ten, ByteBuffer dataOut) throws CommandException {
        int length = ten ? Cdb.u16(cdb, 7) : Cdb.u8(cdb, 4);
        if (length == 0) {
            return;
        }
        int header = ten ? 8 : 4;
        if (dataOut.remaining() < length || length < header) {
            throw new CommandException(Sense.parameterListLengthError());
        }
        byte[] list = new byte[length];
        dataOut.get(dataOut.position(), list);
        int descriptorLength = ten ? Cdb.u16(list, 6) : Cdb.u8(list, 3);
        boolean longLba = ten && Cdb.bit(list, 4, 0);
        int expected = longLba ? 16 : 8;
        if (descriptorLength != 0 && descriptorLength != expected) {
            throw new CommandException(Sense.invalidFieldInParameterList(ten ? 6 : 3));
        }
        if (header + descriptorLength > length) {
            throw new CommandException(Sense.parameterListLengthError());
        }
        if (descriptorLength > 0) {
            checkDescriptor(list, header, longLba);
        }
        int at = header + descriptorLength;
        while (at < length) {
            if (at + 2 > length) {
                throw new CommandException(Sense.parameterListLengthError());
            }
            // SPF (subpage format) is bit 6; PS (bit 7) is reserved in MODE SELECT.
            int code = list[at] & 0x7f;
            byte[] current = current(code);
            if (current == null) {
                throw new CommandException(Sense.invalidFieldInParameterList(at));
            }
            int pageLength = Cdb.u8(list, at + 1);
            if (pageLength != current[1]) {
                throw new CommandException(Sense.invalidFieldInParameterList(at + 1));
            }
            if (at + 2 + pageLength > length) {
                throw new CommandException(Sense.parameterListLengthError());
            }
            for (int i = 2; i < current.length; i++) {
                if (list[at + i] != current[i]) { // nothing is changeable
                    throw new CommandException(Sense.invalidFieldInParameterList(at + i));
                }
            }
            at += 2 + pageLength;
        }
    }

    private void checkDescriptor(byte[] list, int at, boolean longLba) throws CommandException {
        long count = longLba ? Cdb.u64(list, at) : Cdb.u32(list, at);
        long length = longLba ? Cdb.u32(list, at + 12) : Cdb.u24(list, at + 5);
        long shown = longLba ? blocks : Math.min(blocks, 0xffff_ffffL);
        if (count != 0 && count != shown) { // zero: keep the capacity (SBC-4 6.5.2)
            throw new CommandException(Sense.invalidFieldInParameterList(at));
        }
        if (length != blockSize) {
            throw new CommandException(Sense.invalidFieldInParameterList(at + (longLba ? 12 : 5)));
        }
    }

    private byte[] blockDescriptor(boolean longLba, boolean changeable) {
        byte[] d = new byte[longLba ? 16 : 8];
        if (changeable) {
            return d;
        }
        if (longLba) {
            Cdb.put64(d, 0, blocks);
            Cdb.put32(d, 12, blockSize);
        } else {
            Cdb.put32(d, 0, Math.min(blocks, 0xffff_ffffL)); // all ones: too many to tell (SBC-4 6.5.2)
            d[5] = (byte) (blockSize >>> 16);
            d[6] = (byte) (blockSize >>> 8);
            d[7] = (byte) blockSize;
        }
        return d;
    }

    private static byte[] current(int pageCode) {
        return switch (pageCode) {
            case CACHING -> CACHING_PAGE;
            case CONTROL -> CONTROL_PAGE;
            case INFORMATIONAL_EXCEPTIONS -> IE_PAGE;
            default -> null;
        };
    }

    /** The changeable-values form: the page header with every field bit zero. */
    private static byte[] changeable(byte[] page) {
        byte[] p = new byte[page.length];
        p[0] = page[0];
        p[1] = page[1];
        return p;
    }

    private static byte[] page(int code, int length, int... leadingBytes) {
        byte[] p = new byte[2 + length];
        p[0] = (byte) code;
        p[1] = (byte) length;
        for (int i = 0; i < leadingBytes.length; i++) {
            p[2 + i] = (byte) leadingBytes[i];
        }
        return p;
    }
}
