package org.streamboot.server.iscsi;

import java.nio.ByteBuffer;

/**
 * iSCSI PDUs (RFC 7143 section 11) as immutable values, one record per opcode. Sequence numbers
 * and tags are unsigned 32-bit numbers carried in {@code int}s; LUNs are the raw 8-byte field.
 * Data segments are held as byte arrays that nobody mutates after construction; Data-In holds
 * a read-only view of the logical unit's result instead, so a large read is not copied into
 * one array per PDU before the encoder writes it.
 */
public sealed interface Pdu {

    /** Tag value meaning "none" (RFC 7143 11.2.1.5 / 11.3.4 reserved tag 0xffffffff). */
    int NO_TAG = 0xffffffff;
    byte[] EMPTY = new byte[0];

    int opcode();

    /** The data segment (without padding or digest); empty when there is none. */
    default byte[] data() {
        return EMPTY;
    }

    /** The data segment as a buffer whose remaining bytes are the segment; the encoder's view. */
    default ByteBuffer payload() {
        return ByteBuffer.wrap(data());
    }

    /** Bytes in the data segment. */
    default int dataLength() {
        return data().length;
    }

    // ---- initiator -> target opcodes (RFC 7143 11.1.1) ----

    record NopOut(boolean immediate, long lun, int itt, int ttt, int cmdSn, int expStatSn, byte[] data) implements Pdu {
        public int opcode() {
            return Opcode.NOP_OUT;
        }
    }

    record ScsiCommand(boolean immediate, boolean fin, boolean read, boolean write, int attributes, long lun, int itt,
                       int expectedLength, int cmdSn, int expStatSn, byte[] cdb, byte[] data) implements Pdu {
        public int opcode() {
            return Opcode.SCSI_COMMAND;
        }
    }

    record TaskMgmtRequest(boolean immediate, int function, long lun, int itt, int referencedTag, int cmdSn, int expStatSn,
                           int refCmdSn, int expDataSn) implements Pdu {
        public int opcode() {
            return Opcode.TASK_MGMT_REQUEST;
        }
    }

    record LoginRequest(boolean transit, boolean cont, int csg, int nsg, int versionMax, int versionMin, long isid, int tsih,
                        int itt, int cid, int cmdSn, int expStatSn, byte[] data) implements Pdu {
        public int opcode() {
            return Opcode.LOGIN_REQUEST;
        }
    }

    record TextRequest(boolean immediate, boolean fin, boolean cont, long lun, int itt, int ttt, int cmdSn, int expStatSn,
                       byte[] data) implements Pdu {
        public int opcode() {
            return Opcode.TEXT_REQUEST;
        }
    }

    record DataOut(boolean fin, long lun, int itt, int ttt, int expStatSn, int dataSn, int bufferOffset, byte[] data)
            implements Pdu {
        public int opcode() {
            return Opcode.DATA_OUT;
        }
    }

    record LogoutRequest(boolean immediate, int reason, int itt, int cid, int cmdSn, int expStatSn) implements Pdu {
        public int opcode() {
            return Opcode.LOGOUT_REQUEST;
        }
    }

    /** Any opcode this target does not serve (SNACK at ErrorRecoveryLevel 0, vendor codes): answered with Reject. */
    record Unsupported(int opcode, byte[] header) implements Pdu {
    }

    // ---- target -> initiator opcodes (RFC 7143 11.1.2) ----

    record NopIn(long lun, int itt, int ttt, int statSn, int expCmdSn, int maxCmdSn, byte[] data) implements Pdu {
        public int opcode() {
            return Opcode.NOP_IN;
        }
    }

    /** RFC 7143 11.4: the o/u bits (bidirectional) are never set by this target; O/U are the residual flags. */
    record ScsiResponse(boolean overflow, boolean underflow, int response, int status, int itt, int statSn, int expCmdSn,
                        int maxCmdSn, int expDataSn, int residual, byte[] data) implements Pdu {
        public int opcode() {
            return Opcode.SCSI_RESPONSE;
        }
    }

    record TaskMgmtResponse(int response, int itt, int statSn, int expCmdSn, int maxCmdSn) implements Pdu {
        public int opcode() {
            return Opcode.TASK_MGMT_RESPONSE;
        }
    }

    record LoginResponse(boolean transit, boolean cont, int csg, int nsg, int versionMax, int versionActive, long isid,
                         int tsih, int itt, int statSn, int expCmdSn, int maxCmdSn, int statusClass, int statusDetail,
                         byte[] data) implements Pdu {
        public int opcode() {
            return Opcode.LOGIN_RESPONSE;
        }

        public int status() {
            return statusClass << 8 | statusDetail;
        }
    }

    record TextResponse(boolean fin, boolean cont, long lun, int itt, int ttt, int statSn, int expCmdSn, int maxCmdSn,
                        byte[] data) implements Pdu {
        public int opcode() {
            return Opcode.TEXT_RESPONSE;
        }
    }

    /**
     * The data segment is {@code pieces}' remaining bytes, in order; nobody writes through them.
     * One piece for a read into one buffer; several when the segment is lent from read-cache
     * slots ({@link org.streamboot.server.block.MemoryView}), which the encoder sends as they are.
     */
    record DataIn(boolean fin, boolean statusPresent, boolean overflow, boolean underflow, int status, long lun, int itt,
                  int ttt, int statSn, int expCmdSn, int maxCmdSn, int dataSn, int bufferOffset, int residual,
                  ByteBuffer[] pieces) implements Pdu {
        public DataIn {
            pieces = pieces.clone();
            for (int i = 0; i < pieces.length; i++) {
                // A lent view's slices are read-only already: no second wrapper per PDU.
                pieces[i] = pieces[i].isReadOnly() ? pieces[i] : pieces[i].asReadOnlyBuffer();
            }
        }

        public DataIn(boolean fin, boolean statusPresent, boolean overflow, boolean underflow, int status, long lun,
                      int itt, int ttt, int statSn, int expCmdSn, int maxCmdSn, int dataSn, int bufferOffset,
                      int residual, ByteBuffer payload) {
            this(fin, statusPresent, overflow, underflow, status, lun, itt, ttt, statSn, expCmdSn, maxCmdSn, dataSn,
                    bufferOffset, residual, new ByteBuffer[] {payload});
        }

        public int opcode() {
            return Opcode.DATA_IN;
        }

        /** A copy of the segment. */
        @Override
        public byte[] data() {
            byte[] copy = new byte[dataLength()];
            int at = 0;
            for (ByteBuffer piece : pieces) {
                piece.get(piece.position(), copy, at, piece.remaining());
                at += piece.remaining();
            }
            return copy;
        }

        /** The segment as one buffer: a view when it is one piece, else a copy. */
        @Override
        public ByteBuffer payload() {
            return pieces.length == 1 ? pieces[0].duplicate() : ByteBuffer.wrap(data());
        }

        /** Views of the segment's pieces, for the encoder. */
        @Override
        public ByteBuffer[] pieces() {
            ByteBuffer[] out = new ByteBuffer[pieces.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = pieces[i].duplicate();
            }
            return out;
        }

        @Override
        public int dataLength() {
            int length = 0;
            for (ByteBuffer piece : pieces) {
                length += piece.remaining();
            }
            return length;
        }
    }

    record LogoutResponse(int response, int itt, int statSn, int expCmdSn, int maxCmdSn, int time2Wait, int time2Retain)
            implements Pdu {
        public int opcode() {
            return Opcode.LOGOUT_RESPONSE;
        }
    }

    record ReadyToTransfer(long lun, int itt, int ttt, int statSn, int expCmdSn, int maxCmdSn, int r2tSn, int bufferOffset,
                           int desiredLength) implements Pdu {
        public int opcode() {
            return Opcode.R2T;
        }
    }

    record AsyncMessage(long lun, int statSn, int expCmdSn, int maxCmdSn, int event, int vendorCode, int parameter1,
                        int parameter2, int parameter3, byte[] data) implements Pdu {
        public int opcode() {
            return Opcode.ASYNC_MESSAGE;
        }
    }

    /** RFC 7143 11.17: the data segment carries the complete header of the rejected PDU. */
    record Reject(int reason, int statSn, int expCmdSn, int maxCmdSn, int dataSn, byte[] data) implements Pdu {
        public int opcode() {
            return Opcode.REJECT;
        }
    }
}
