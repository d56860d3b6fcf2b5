package org.streamboot.server.scsi;

import java.nio.ByteBuffer;
import java.util.List;

/** PERSISTENT RESERVE IN and OUT (SPC-5 6.15, 6.16): bytes to and from {@link Reservations}. */
final class PersistentReserveCommands {

    /** The basic parameter list; SPEC_I_PT and REGISTER AND MOVE, which need longer ones, are not offered. */
    private static final int PARAMETER_LIST = 24;
    private static final int APTPL = 0x01, ALL_TG_PT = 0x04, SPEC_I_PT = 0x08;

    private final Reservations reservations;

    PersistentReserveCommands(Reservations reservations) {
        this.reservations = reservations;
    }

    /** READ KEYS, READ RESERVATION, REPORT CAPABILITIES or READ FULL STATUS; cut to ALLOCATION LENGTH by the caller. */
    byte[] in(Command command) {
        return switch (command) {
            case PR_IN_READ_KEYS -> readKeys();
            case PR_IN_READ_RESERVATION -> readReservation();
            case PR_IN_READ_FULL_STATUS -> readFullStatus();
            default -> reportCapabilities();
        };
    }

    /**
     * READ FULL STATUS (SPC-5 6.15.5): a descriptor per registered I_T nexus with its key, whether
     * it holds the reservation (R_HOLDER, with SCOPE and TYPE) and its TransportID. The target has
     * one port, relative port 1 (as VPD page 83h names it).
     */
    private byte[] readFullStatus() {
        int generation = reservations.generation();
        List<Reservations.Registrant> all = reservations.registrants();
        List<byte[]> descriptors = new java.util.ArrayList<>();
        int total = 0;
        for (Reservations.Registrant r : all) {
            byte[] id = transportId(r.nexus());
            byte[] d = new byte[24 + id.length];
            Cdb.put64(d, 0, r.key());
            if (r.type() != null) {
                d[12] = 0x01; // R_HOLDER
                d[13] = (byte) r.type().code; // SCOPE 0h: the logical unit
            }
            Cdb.put16(d, 18, 1);
            Cdb.put32(d, 20, id.length);
            System.arraycopy(id, 0, d, 24, id.length);
            descriptors.add(d);
            total += d.length;
        }
        byte[] b = new byte[8 + total];
        Cdb.put32(b, 0, generation & 0xffff_ffffL);
        Cdb.put32(b, 4, total);
        int at = 8;
        for (byte[] d : descriptors) {
            System.arraycopy(d, 0, b, at, d.length);
            at += d.length;
        }
        return b;
    }

    /**
     * An iSCSI TransportID (SPC-5 7.6.4.6, protocol identifier 5h): the I_T nexus is kept as
     * "iSCSI name,i,0xISID", which is format 01b's text; anything else goes out as format 00b
     * (a name alone). NUL-terminated and padded to a multiple of 4, at least 20 bytes.
     */
    static byte[] transportId(String nexus) {
        boolean withIsid = nexus.contains(",i,0x");
        byte[] name = nexus.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int length = Math.max(20, (name.length + 1 + 3) & ~3);
        byte[] id = new byte[4 + length];
        id[0] = (byte) ((withIsid ? 0x40 : 0x00) | 0x05);
        Cdb.put16(id, 2, length);
        System.arraycopy(name, 0, id, 4, name.length);
        return id;
    }

    private byte[] readKeys() {
        int generation = reservations.generation();
        List<Long> keys = reservations.keys();
        byte[] b = new byte[8 + 8 * keys.size()];
        Cdb.put32(b, 0, generation & 0xffff_ffffL);
        Cdb.put32(b, 4, 8L * keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Cdb.put64(b, 8 + 8 * i, keys.get(i));
        }
        return b;
    }

    private byte[] readReservation() {
        int generation = reservations.generation();
        Reservations.Held held = reservations.held();
        byte[] b = new byte[held == null ? 8 : 24];
        Cdb.put32(b, 0, generation & 0xffff_ffffL);
        if (held != null) {
            Cdb.put32(b, 4, 16);
            Cdb.put64(b, 8, held.key());
            b[21] = (byte) held.type().code; // SCOPE 0h: the logical unit
        }
        return b;
    }

    /** REPORT CAPABILITIES (SPC-5 6.15.4): compatible reservation handling, all six types, no persistence. */
    private static byte[] reportCapabilities() {
        byte[] b = new byte[8];
        Cdb.put16(b, 0, 8);
        b[2] = 0x10; // CRH: RESERVE (6) and persistent reservations exclude each other (SPC-5 5.13.3)
        b[3] = (byte) 0x80; // TMV: the type mask is valid; ALLOW COMMANDS 0
        b[4] = (byte) 0xea; // WR_EX_AR, EX_AC_RO, WR_EX_RO, EX_AC, WR_EX
        b[5] = 0x01; // EX_AC_AR
        return b;
    }

    ScsiResult out(Command command, byte[] cdb, ByteBuffer dataOut, String nexus) throws CommandException {
        if ((Cdb.u8(cdb, 2) & 0xf0) != 0) {
            throw new CommandException(Sense.invalidFieldInCdb(2, 7)); // SCOPE: only the logical unit
        }
        long length = Cdb.u32(cdb, 5);
        if (length != PARAMETER_LIST || dataOut.remaining() < PARAMETER_LIST) {
            throw new CommandException(Sense.parameterListLengthError());
        }
        byte[] list = new byte[PARAMETER_LIST];
        dataOut.get(dataOut.position(), list);
        int flags = Cdb.u8(list, 20);
        if ((flags & (SPEC_I_PT | ALL_TG_PT | APTPL)) != 0) {
            // Not offered (REPORT CAPABILITIES: SIP_C, ATP_C, PTPL_C = 0): SPC-5 6.16.3.
            throw new CommandException(Sense.invalidFieldInParameterList(20));
        }
        long key = Cdb.u64(list, 0);
        long serviceActionKey = Cdb.u64(list, 8);
        return switch (command) {
            case PR_OUT_REGISTER -> reservations.register(nexus, key, serviceActionKey, false);
            case PR_OUT_REGISTER_AND_IGNORE_EXISTING_KEY -> reservations.register(nexus, key, serviceActionKey, true);
            case PR_OUT_RESERVE -> reservations.reserve(nexus, key, type(cdb));
            case PR_OUT_RELEASE -> reservations.release(nexus, key, type(cdb));
            case PR_OUT_CLEAR -> reservations.clear(nexus, key);
            default -> reservations.preempt(nexus, key, serviceActionKey, type(cdb)); // PREEMPT (AND ABORT)
        };
    }

    private static Reservations.Type type(byte[] cdb) throws CommandException {
        Reservations.Type type = Reservations.Type.of(Cdb.u8(cdb, 2) & 0x0f);
        if (type == null) {
            throw new CommandException(Sense.invalidFieldInCdb(2, 3));
        }
        return type;
    }
}
