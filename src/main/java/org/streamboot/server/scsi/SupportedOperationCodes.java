package org.streamboot.server.scsi;

import java.io.ByteArrayOutputStream;

/** REPORT SUPPORTED OPERATION CODES (SPC-5 6.35): the {@link Command} catalogue on the wire. */
final class SupportedOperationCodes {

    private static final int ALL = 0, ONE_OPCODE = 1, ONE_SERVICE_ACTION = 2, ONE_EITHER = 3;
    private static final int SUPPORTED = 0x03, NOT_SUPPORTED = 0x01;
    /** Recommended command timeout in seconds; WRITE SAME over its maximum range is the slowest. */
    private static final int RECOMMENDED_TIMEOUT = 60;

    private SupportedOperationCodes() {
    }

    static byte[] report(byte[] cdb) throws CommandException {
        boolean timeouts = Cdb.bit(cdb, 2, 7); // RCTD
        int options = Cdb.u8(cdb, 2) & 0x07;
        int opcode = Cdb.u8(cdb, 3);
        int serviceAction = Cdb.u16(cdb, 4);
        boolean hasActions = Command.opcodeHasServiceActions(opcode);
        return switch (options) {
            case ALL -> all(timeouts);
            case ONE_OPCODE -> {
                if (hasActions) { // the opcode needs a service action to name a command
                    throw new CommandException(Sense.invalidFieldInCdb(2, 2));
                }
                yield one(Command.find(opcode, -1), timeouts);
            }
            case ONE_SERVICE_ACTION -> {
                if (!hasActions) {
                    throw new CommandException(Sense.invalidFieldInCdb(2, 2));
                }
                yield one(Command.find(opcode, serviceAction), timeouts);
            }
            case ONE_EITHER -> one(Command.find(opcode, serviceAction), timeouts);
            default -> throw new CommandException(Sense.invalidFieldInCdb(2, 2));
        };
    }

    /** All-commands parameter data (SPC-5 6.35.2): a 4-byte length, then one descriptor each. */
    private static byte[] all(boolean timeouts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[4]);
        for (Command c : Command.all()) {
            byte[] d = new byte[8];
            d[0] = (byte) c.opcode;
            Cdb.put16(d, 2, Math.max(0, c.serviceAction));
            d[5] = (byte) ((timeouts ? 0x02 : 0) | (c.hasServiceAction() ? 0x01 : 0)); // CTDP, SERVACTV
            Cdb.put16(d, 6, c.length());
            out.writeBytes(d);
            if (timeouts) {
                out.writeBytes(timeoutsDescriptor());
            }
        }
        byte[] b = out.toByteArray();
        Cdb.put32(b, 0, b.length - 4);
        return b;
    }

    /** One-command parameter data (SPC-5 6.35.3), with the CDB usage data. */
    private static byte[] one(Command c, boolean timeouts) {
        if (c == null) {
            byte[] b = new byte[4];
            b[1] = NOT_SUPPORTED;
            return b;
        }
        byte[] usage = c.usage();
        byte[] b = new byte[4 + usage.length + (timeouts ? 12 : 0)];
        b[1] = (byte) ((timeouts ? 0x80 : 0) | SUPPORTED);
        Cdb.put16(b, 2, usage.length);
        System.arraycopy(usage, 0, b, 4, usage.length);
        if (timeouts) {
            System.arraycopy(timeoutsDescriptor(), 0, b, 4 + usage.length, 12);
        }
        return b;
    }

    /** Command timeouts descriptor (SPC-5 6.35.4): nominal time unknown (0), recommended limit. */
    private static byte[] timeoutsDescriptor() {
        byte[] t = new byte[12];
        Cdb.put16(t, 0, 0x0a);
        Cdb.put32(t, 8, RECOMMENDED_TIMEOUT);
        return t;
    }
}
