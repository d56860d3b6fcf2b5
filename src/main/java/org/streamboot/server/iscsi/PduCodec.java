package org.streamboot.server.iscsi;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.streamboot.server.iscsi.Pdu.AsyncMessage;
import org.streamboot.server.iscsi.Pdu.DataIn;
import org.streamboot.server.iscsi.Pdu.DataOut;
import org.streamboot.server.iscsi.Pdu.LoginRequest;
import org.streamboot.server.iscsi.Pdu.LoginResponse;
import org.streamboot.server.iscsi.Pdu.LogoutRequest;
import org.streamboot.server.iscsi.Pdu.LogoutResponse;
import org.streamboot.server.iscsi.Pdu.NopIn;
import org.streamboot.server.iscsi.Pdu.NopOut;
import org.streamboot.server.iscsi.Pdu.ReadyToTransfer;
import org.streamboot.server.iscsi.Pdu.Reject;
import org.streamboot.server.iscsi.Pdu.ScsiCommand;
import org.streamboot.server.iscsi.Pdu.ScsiResponse;
import org.streamboot.server.iscsi.Pdu.TaskMgmtRequest;
import org.streamboot.server.iscsi.Pdu.TaskMgmtResponse;
import org.streamboot.server.iscsi.Pdu.TextRequest;
import org.streamboot.server.iscsi.Pdu.TextResponse;
import org.streamboot.server.iscsi.Pdu.Unsupported;

/**
 * Basic Header Segment layouts of RFC 7143 section 11 for every opcode, both directions (the
 * target decodes initiator PDUs; tests decode target PDUs). Framing, AHS and digests are the
 * frame decoder's and encoder's business: this class sees one 48-byte BHS and its data.
 */
public final class PduCodec {

    public static final int BHS_LENGTH = 48;
    private static final int IMMEDIATE = 0x40, FINAL = 0x80;

    private PduCodec() {
    }

    /** The opcode of a BHS (RFC 7143 11.2.1.2: the low six bits of byte 0). */
    static int opcode(byte[] bhs) {
        return bhs[0] & 0x3f;
    }

    /** DataSegmentLength, bytes 5-7 (RFC 7143 11.2.1.4). */
    static int dataSegmentLength(byte[] bhs) {
        return (bhs[5] & 0xff) << 16 | (bhs[6] & 0xff) << 8 | bhs[7] & 0xff;
    }

    public static Pdu decode(byte[] bhs, byte[] data) {
        if (bhs.length != BHS_LENGTH) {
            throw new IllegalArgumentException("a basic header segment is 48 bytes, not " + bhs.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bhs);
        boolean imm = (bhs[0] & IMMEDIATE) != 0;
        int f = bhs[1] & 0xff;
        boolean fin = (f & FINAL) != 0;
        long lun = b.getLong(8);
        int itt = b.getInt(16);
        return switch (opcode(bhs)) {
            case Opcode.NOP_OUT -> new NopOut(imm, lun, itt, b.getInt(20), b.getInt(24), b.getInt(28), data);
            case Opcode.SCSI_COMMAND -> new ScsiCommand(imm, fin, (f & 0x40) != 0, (f & 0x20) != 0, f & 0x07, lun, itt,
                    b.getInt(20), b.getInt(24), b.getInt(28), Arrays.copyOfRange(bhs, 32, 48), data);
            case Opcode.TASK_MGMT_REQUEST -> new TaskMgmtRequest(imm, f & 0x7f, lun, itt, b.getInt(20), b.getInt(24),
                    b.getInt(28), b.getInt(32), b.getInt(36));
            case Opcode.LOGIN_REQUEST -> new LoginRequest(fin, (f & 0x40) != 0, f >> 2 & 3, f & 3, bhs[2] & 0xff,
                    bhs[3] & 0xff, isid(b), b.getShort(14) & 0xffff, itt, b.getShort(20) & 0xffff, b.getInt(24), b.getInt(28),
                    data);
            case Opcode.TEXT_REQUEST -> new TextRequest(imm, fin, (f & 0x40) != 0, lun, itt, b.getInt(20), b.getInt(24),
                    b.getInt(28), data);
            case Opcode.DATA_OUT -> new DataOut(fin, lun, itt, b.getInt(20), b.getInt(28), b.getInt(36), b.getInt(40), data);
            case Opcode.LOGOUT_REQUEST -> new LogoutRequest(imm, f & 0x7f, itt, b.getShort(20) & 0xffff, b.getInt(24),
                    b.getInt(28));
            case Opcode.NOP_IN -> new NopIn(lun, itt, b.getInt(20), b.getInt(24), b.getInt(28), b.getInt(32), data);
            case Opcode.SCSI_RESPONSE -> new ScsiResponse((f & 0x04) != 0, (f & 0x02) != 0, bhs[2] & 0xff, bhs[3] & 0xff,
                    itt, b.getInt(24), b.getInt(28), b.getInt(32), b.getInt(36), b.getInt(44), data);
            case Opcode.TASK_MGMT_RESPONSE -> new TaskMgmtResponse(bhs[2] & 0xff, itt, b.getInt(24), b.getInt(28),
                    b.getInt(32));
            case Opcode.LOGIN_RESPONSE -> new LoginResponse(fin, (f & 0x40) != 0, f >> 2 & 3, f & 3, bhs[2] & 0xff,
                    bhs[3] & 0xff, isid(b), b.getShort(14) & 0xffff, itt, b.getInt(24), b.getInt(28), b.getInt(32),
                    bhs[36] & 0xff, bhs[37] & 0xff, data);
            case Opcode.TEXT_RESPONSE -> new TextResponse(fin, (f & 0x40) != 0, lun, itt, b.getInt(20), b.getInt(24),
                    b.getInt(28), b.getInt(32), data);
            case Opcode.DATA_IN -> new DataIn(fin, (f & 0x01) != 0, (f & 0x04) != 0, (f & 0x02) != 0, bhs[3] & 0xff, lun,
                    itt, b.getInt(20), b.getInt(24), b.getInt(28), b.getInt(32), b.getInt(36), b.getInt(40), b.getInt(44),
                    ByteBuffer.wrap(data));
            case Opcode.LOGOUT_RESPONSE -> new LogoutResponse(bhs[2] & 0xff, itt, b.getInt(24), b.getInt(28), b.getInt(32),
                    b.getShort(40) & 0xffff, b.getShort(42) & 0xffff);
            case Opcode.R2T -> new ReadyToTransfer(lun, itt, b.getInt(20), b.getInt(24), b.getInt(28), b.getInt(32),
                    b.getInt(36), b.getInt(40), b.getInt(44));
            case Opcode.ASYNC_MESSAGE -> new AsyncMessage(lun, b.getInt(24), b.getInt(28), b.getInt(32), bhs[36] & 0xff,
                    bhs[37] & 0xff, b.getShort(38) & 0xffff, b.getShort(40) & 0xffff, b.getShort(42) & 0xffff, data);
            case Opcode.REJECT -> new Reject(bhs[2] & 0xff, b.getInt(24), b.getInt(28), b.getInt(32), b.getInt(36), data);
            default -> new Unsupported(opcode(bhs), bhs.clone());
        };
    }

    /** The 48-byte BHS of a PDU, with TotalAHSLength 0 and DataSegmentLength set from its data. */
    public static byte[] encodeHeader(Pdu pdu) {
        byte[] bhs = new byte[BHS_LENGTH];
        ByteBuffer b = ByteBuffer.wrap(bhs);
        bhs[0] = (byte) pdu.opcode();
        int len = pdu.dataLength();
        bhs[5] = (byte) (len >>> 16);
        bhs[6] = (byte) (len >>> 8);
        bhs[7] = (byte) len;
        switch (pdu) {
            case NopOut p -> {
                initiator(bhs, p.immediate(), FINAL);
                b.putLong(8, p.lun()).putInt(16, p.itt()).putInt(20, p.ttt()).putInt(24, p.cmdSn()).putInt(28, p.expStatSn());
            }
            case ScsiCommand p -> {
                initiator(bhs, p.immediate(), (p.fin() ? FINAL : 0) | (p.read() ? 0x40 : 0) | (p.write() ? 0x20 : 0)
                        | p.attributes() & 7);
                b.putLong(8, p.lun()).putInt(16, p.itt()).putInt(20, p.expectedLength()).putInt(24, p.cmdSn())
                        .putInt(28, p.expStatSn());
                System.arraycopy(p.cdb(), 0, bhs, 32, Math.min(16, p.cdb().length));
            }
            case TaskMgmtRequest p -> {
                initiator(bhs, p.immediate(), FINAL | p.function() & 0x7f);
                b.putLong(8, p.lun()).putInt(16, p.itt()).putInt(20, p.referencedTag()).putInt(24, p.cmdSn())
                        .putInt(28, p.expStatSn()).putInt(32, p.refCmdSn()).putInt(36, p.expDataSn());
            }
            case LoginRequest p -> {
                // RFC 7143 11.12: a Login Request always has the I bit set.
                initiator(bhs, true, stages(p.transit(), p.cont(), p.csg(), p.nsg()));
                bhs[2] = (byte) p.versionMax();
                bhs[3] = (byte) p.versionMin();
                putIsid(b, p.isid(), p.tsih());
                b.putInt(16, p.itt()).putShort(20, (short) p.cid()).putInt(24, p.cmdSn()).putInt(28, p.expStatSn());
            }
            case TextRequest p -> {
                initiator(bhs, p.immediate(), (p.fin() ? FINAL : 0) | (p.cont() ? 0x40 : 0));
                b.putLong(8, p.lun()).putInt(16, p.itt()).putInt(20, p.ttt()).putInt(24, p.cmdSn()).putInt(28, p.expStatSn());
            }
            case DataOut p -> {
                bhs[1] = (byte) (p.fin() ? FINAL : 0);
                b.putLong(8, p.lun()).putInt(16, p.itt()).putInt(20, p.ttt()).putInt(28, p.expStatSn())
                        .putInt(36, p.dataSn()).putInt(40, p.bufferOffset());
            }
            case LogoutRequest p -> {
                initiator(bhs, p.immediate(), FINAL | p.reason() & 0x7f);
                b.putInt(16, p.itt()).putShort(20, (short) p.cid()).putInt(24, p.cmdSn()).putInt(28, p.expStatSn());
            }
            case Unsupported p -> System.arraycopy(p.header(), 0, bhs, 0, BHS_LENGTH);
            case NopIn p -> {
                bhs[1] = (byte) FINAL;
                b.putLong(8, p.lun()).putInt(16, p.itt()).putInt(20, p.ttt());
                counters(b, p.statSn(), p.expCmdSn(), p.maxCmdSn());
            }
            case ScsiResponse p -> {
                bhs[1] = (byte) (FINAL | (p.overflow() ? 0x04 : 0) | (p.underflow() ? 0x02 : 0));
                bhs[2] = (byte) p.response();
                bhs[3] = (byte) p.status();
                b.putInt(16, p.itt());
                counters(b, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                b.putInt(36, p.expDataSn()).putInt(44, p.residual());
            }
            case TaskMgmtResponse p -> {
                bhs[1] = (byte) FINAL;
                bhs[2] = (byte) p.response();
                b.putInt(16, p.itt());
                counters(b, p.statSn(), p.expCmdSn(), p.maxCmdSn());
            }
            case LoginResponse p -> {
                bhs[1] = (byte) stages(p.transit(), p.cont(), p.csg(), p.nsg());
                bhs[2] = (byte) p.versionMax();
                bhs[3] = (byte) p.versionActive();
                putIsid(b, p.isid(), p.tsih());
                b.putInt(16, p.itt());
                counters(b, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                bhs[36] = (byte) p.statusClass();
                bhs[37] = (byte) p.statusDetail();
            }
            case TextResponse p -> {
                bhs[1] = (byte) ((p.fin() ? FINAL : 0) | (p.cont() ? 0x40 : 0));
                b.putLong(8, p.lun()).putInt(16, p.itt()).putInt(20, p.ttt());
                counters(b, p.statSn(), p.expCmdSn(), p.maxCmdSn());
            }
            case DataIn p -> {
                bhs[1] = (byte) ((p.fin() ? FINAL : 0) | (p.overflow() ? 0x04 : 0) | (p.underflow() ? 0x02 : 0)
                        | (p.statusPresent() ? 0x01 : 0));
                bhs[3] = (byte) (p.statusPresent() ? p.status() : 0);
                b.putLong(8, p.lun()).putInt(16, p.itt()).putInt(20, p.ttt());
                counters(b, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                b.putInt(36, p.dataSn()).putInt(40, p.bufferOffset()).putInt(44, p.residual());
            }
            case LogoutResponse p -> {
                bhs[1] = (byte) FINAL;
                bhs[2] = (byte) p.response();
                b.putInt(16, p.itt());
                counters(b, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                b.putShort(40, (short) p.time2Wait()).putShort(42, (short) p.time2Retain());
            }
            case ReadyToTransfer p -> {
                bhs[1] = (byte) FINAL;
                b.putLong(8, p.lun()).putInt(16, p.itt()).putInt(20, p.ttt());
                counters(b, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                b.putInt(36, p.r2tSn()).putInt(40, p.bufferOffset()).putInt(44, p.desiredLength());
            }
            case AsyncMessage p -> {
                bhs[1] = (byte) FINAL;
                b.putLong(8, p.lun()).putInt(16, Pdu.NO_TAG);
                counters(b, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                bhs[36] = (byte) p.event();
                bhs[37] = (byte) p.vendorCode();
                b.putShort(38, (short) p.parameter1()).putShort(40, (short) p.parameter2()).putShort(42, (short) p.parameter3());
            }
            case Reject p -> {
                bhs[1] = (byte) FINAL;
                bhs[2] = (byte) p.reason();
                b.putInt(16, Pdu.NO_TAG);
                counters(b, p.statSn(), p.expCmdSn(), p.maxCmdSn());
                b.putInt(36, p.dataSn());
            }
        }
        return bhs;
    }

    private static void initiator(byte[] bhs, boolean immediate, int flags) {
        bhs[0] = (byte) (bhs[0] | (immediate ? IMMEDIATE : 0));
        bhs[1] = (byte) flags;
    }

    private static int stages(boolean transit, boolean cont, int csg, int nsg) {
        return (transit ? FINAL : 0) | (cont ? 0x40 : 0) | (csg & 3) << 2 | nsg & 3;
    }

    private static void counters(ByteBuffer b, int statSn, int expCmdSn, int maxCmdSn) {
        b.putInt(24, statSn).putInt(28, expCmdSn).putInt(32, maxCmdSn);
    }

    /** ISID is 6 bytes at offset 8 (RFC 7143 11.12.5), followed by the 2-byte TSIH. */
    private static long isid(ByteBuffer b) {
        return b.getLong(8) >>> 16;
    }

    private static void putIsid(ByteBuffer b, long isid, int tsih) {
        b.putLong(8, isid << 16 | tsih & 0xffff);
    }
}
