package org.streamboot.server.scsi;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Every command this target implements, with its CDB usage data (SPC-5 6.35.3): a bit is one
 * where the device server reads the CDB bit. The same mask serves two purposes: REPORT
 * SUPPORTED OPERATION CODES returns it, and {@link BlockScsiTarget} rejects any CDB with a bit
 * set outside it (reserved fields, and optional fields this target does not support such as
 * RDPROTECT/WRPROTECT, ANCHOR or NACA) with INVALID FIELD IN CDB pointing at that bit, which
 * is what SBC-4 requires for protection fields on a device without protection information.
 */
enum Command {
    TEST_UNIT_READY(0x00, "00 00 00 00 00 00", Access.NONE),
    REQUEST_SENSE(0x03, "03 00 00 00 ff 00", Access.NONE),
    READ_6(0x08, "08 1f ff ff ff 00", Access.READ),
    WRITE_6(0x0a, "0a 1f ff ff ff 00", Access.WRITE),
    INQUIRY(0x12, "12 01 ff ff ff 00", Access.NONE),
    MODE_SELECT_6(0x15, "15 10 00 00 ff 00", Access.NONE),
    RESERVE_6(0x16, "16 00 00 00 00 00", Access.NONE),
    RELEASE_6(0x17, "17 00 00 00 00 00", Access.NONE),
    MODE_SENSE_6(0x1a, "1a 08 ff ff ff 00", Access.NONE),
    START_STOP_UNIT(0x1b, "1b 01 00 0f f7 00", Access.NONE),
    PREVENT_ALLOW_MEDIUM_REMOVAL(0x1e, "1e 00 00 00 03 00", Access.NONE),
    READ_CAPACITY_10(0x25, "25 00 ff ff ff ff 00 00 01 00", Access.NONE),
    READ_10(0x28, "28 1e ff ff ff ff 3f ff ff 00", Access.READ),
    WRITE_10(0x2a, "2a 1a ff ff ff ff 3f ff ff 00", Access.WRITE),
    WRITE_AND_VERIFY_10(0x2e, "2e 16 ff ff ff ff 3f ff ff 00", Access.WRITE),
    VERIFY_10(0x2f, "2f 16 ff ff ff ff 3f ff ff 00", Access.READ),
    PRE_FETCH_10(0x34, "34 02 ff ff ff ff 3f ff ff 00", Access.READ),
    SYNCHRONIZE_CACHE_10(0x35, "35 06 ff ff ff ff 3f ff ff 00", Access.WRITE),
    WRITE_SAME_10(0x41, "41 08 ff ff ff ff 3f ff ff 00", Access.WRITE),
    UNMAP(0x42, "42 00 00 00 00 00 3f ff ff 00", Access.WRITE),
    MODE_SELECT_10(0x55, "55 10 00 00 00 00 00 ff ff 00", Access.NONE),
    MODE_SENSE_10(0x5a, "5a 18 ff ff 00 00 00 ff ff 00", Access.NONE),
    // PERSISTENT RESERVE IN/OUT (SPC-5 6.15, 6.16): byte 1 is the service action, as for 9Eh.
    PR_IN_READ_KEYS(0x5e, 0x00, "5e 00 00 00 00 00 00 ff ff 00", Access.NONE),
    PR_IN_READ_RESERVATION(0x5e, 0x01, "5e 01 00 00 00 00 00 ff ff 00", Access.NONE),
    PR_IN_REPORT_CAPABILITIES(0x5e, 0x02, "5e 02 00 00 00 00 00 ff ff 00", Access.NONE),
    PR_IN_READ_FULL_STATUS(0x5e, 0x03, "5e 03 00 00 00 00 00 ff ff 00", Access.NONE),
    PR_OUT_REGISTER(0x5f, 0x00, "5f 00 00 00 00 ff ff ff ff 00", Access.NONE),
    PR_OUT_RESERVE(0x5f, 0x01, "5f 01 ff 00 00 ff ff ff ff 00", Access.NONE),
    PR_OUT_RELEASE(0x5f, 0x02, "5f 02 ff 00 00 ff ff ff ff 00", Access.NONE),
    PR_OUT_CLEAR(0x5f, 0x03, "5f 03 00 00 00 ff ff ff ff 00", Access.NONE),
    PR_OUT_PREEMPT(0x5f, 0x04, "5f 04 ff 00 00 ff ff ff ff 00", Access.NONE),
    PR_OUT_PREEMPT_AND_ABORT(0x5f, 0x05, "5f 05 ff 00 00 ff ff ff ff 00", Access.NONE),
    PR_OUT_REGISTER_AND_IGNORE_EXISTING_KEY(0x5f, 0x06, "5f 06 00 00 00 ff ff ff ff 00", Access.NONE),
    READ_16(0x88, "88 1e ff ff ff ff ff ff ff ff ff ff ff ff 3f 00", Access.READ),
    COMPARE_AND_WRITE(0x89, "89 1a ff ff ff ff ff ff ff ff 00 00 00 ff 3f 00", Access.WRITE),
    // ORWRITE (16): ORPROTECT is unsupported (no protection information), so it stays out of the mask.
    ORWRITE_16(0x8b, "8b 18 ff ff ff ff ff ff ff ff ff ff ff ff 3f 00", Access.WRITE),
    WRITE_16(0x8a, "8a 1a ff ff ff ff ff ff ff ff ff ff ff ff 3f 00", Access.WRITE),
    WRITE_AND_VERIFY_16(0x8e, "8e 16 ff ff ff ff ff ff ff ff ff ff ff ff 3f 00", Access.WRITE),
    VERIFY_16(0x8f, "8f 16 ff ff ff ff ff ff ff ff ff ff ff ff 3f 00", Access.READ),
    PRE_FETCH_16(0x90, "90 02 ff ff ff ff ff ff ff ff ff ff ff ff 3f 00", Access.READ),
    SYNCHRONIZE_CACHE_16(0x91, "91 06 ff ff ff ff ff ff ff ff ff ff ff ff 3f 00", Access.WRITE),
    WRITE_SAME_16(0x93, "93 09 ff ff ff ff ff ff ff ff ff ff ff ff 3f 00", Access.WRITE),
    // SERVICE ACTION IN (16): the service action value itself is the usage of byte 1 (SPC-5 6.35.3).
    READ_CAPACITY_16(0x9e, 0x10, "9e 10 ff ff ff ff ff ff ff ff ff ff ff ff 01 00", Access.NONE),
    GET_LBA_STATUS(0x9e, 0x12, "9e 12 ff ff ff ff ff ff ff ff ff ff ff ff 03 00", Access.READ),
    REPORT_LUNS(0xa0, "a0 00 ff 00 00 00 ff ff ff ff 00 00", Access.NONE),
    REPORT_SUPPORTED_OPERATION_CODES(0xa3, 0x0c, "a3 0c 87 ff ff ff ff ff ff ff 00 00", Access.NONE),
    READ_12(0xa8, "a8 1e ff ff ff ff ff ff ff ff 3f 00", Access.READ),
    WRITE_12(0xaa, "aa 1a ff ff ff ff ff ff ff ff 3f 00", Access.WRITE),
    WRITE_AND_VERIFY_12(0xae, "ae 16 ff ff ff ff ff ff ff ff 3f 00", Access.WRITE),
    VERIFY_12(0xaf, "af 16 ff ff ff ff ff ff ff ff 3f 00", Access.READ);

    /** Which MEDIUM ERROR a plain I/O failure becomes (SBC-4 4.18). */
    enum Access { NONE, READ, WRITE }

    /** Opcodes whose byte 1 carries a service action (SPC-5 4.2.5.2). */
    static final int SERVICE_ACTION_IN_16 = 0x9e, MAINTENANCE_IN = 0xa3, PERSISTENT_RESERVE_IN = 0x5e,
            PERSISTENT_RESERVE_OUT = 0x5f;

    private static final Map<Integer, Command> BY_KEY = new HashMap<>();

    static {
        for (Command c : values()) {
            BY_KEY.put(key(c.opcode, c.serviceAction), c);
        }
    }

    final int opcode;
    /** The service action, or -1 when the opcode has none. */
    final int serviceAction;
    final Access access;
    private final byte[] usage;

    Command(int opcode, String usage, Access access) {
        this(opcode, -1, usage, access);
    }

    Command(int opcode, int serviceAction, String usage, Access access) {
        this.opcode = opcode;
        this.serviceAction = serviceAction;
        this.access = access;
        this.usage = HexFormat.ofDelimiter(" ").parseHex(usage);
    }

    /** CDB length in bytes (SPC-5 4.2.5.1); longer CDBs are accepted (iSCSI pads to 16). */
    int length() {
        return usage.length;
    }

    byte[] usage() {
        return usage.clone();
    }

    int usage(int index) {
        return usage[index] & 0xff;
    }

    boolean hasServiceAction() {
        return serviceAction >= 0;
    }

    static boolean opcodeHasServiceActions(int opcode) {
        return opcode == SERVICE_ACTION_IN_16 || opcode == MAINTENANCE_IN || opcode == PERSISTENT_RESERVE_IN
                || opcode == PERSISTENT_RESERVE_OUT;
    }

    /** The command for an opcode without service actions, or for an opcode and service action. */
    static Command find(int opcode, int serviceAction) {
        if (!opcodeHasServiceActions(opcode)) {
            return BY_KEY.get(key(opcode, -1));
        }
        return serviceAction >= 0 && serviceAction <= 0x1f ? BY_KEY.get(key(opcode, serviceAction)) : null;
    }

    static List<Command> all() {
        return List.of(values());
    }

    private static int key(int opcode, int serviceAction) {
        return (opcode << 8) | (serviceAction & 0xff);
    }
}
