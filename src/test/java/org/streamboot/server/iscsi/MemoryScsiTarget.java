package org.streamboot.server.iscsi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.streamboot.server.block.BlockRangeException;
import org.streamboot.server.block.MemoryDevice;
import org.streamboot.server.scsi.ScsiRequest;
import org.streamboot.server.scsi.ScsiResult;
import org.streamboot.server.scsi.ScsiTarget;
import org.streamboot.server.scsi.SenseData;

/**
 * A small SBC disk for transport tests: just the commands libiscsi's tools and the iSCSI
 * families of its test suite send. Block size 512, one LUN (0).
 */
final class MemoryScsiTarget implements ScsiTarget {

    static final int BLOCK = 512;
    private final MemoryDevice device;
    volatile int executed;

    MemoryScsiTarget(MemoryDevice device) {
        this.device = device;
    }

    MemoryDevice device() {
        return device;
    }

    @Override
    public ScsiResult execute(ScsiRequest r) {
        executed++;
        byte[] c = r.cdb();
        if (r.lun() != 0 && r.opcode() != 0xa0 && r.opcode() != 0x12) {
            return check(SenseData.ILLEGAL_REQUEST, 0x25, 0x00); // LOGICAL UNIT NOT SUPPORTED
        }
        try {
            return switch (r.opcode()) {
                case 0x00, 0x35, 0x91 -> ScsiResult.good(); // TEST UNIT READY, SYNCHRONIZE CACHE 10/16
                case 0x12 -> inquiry(c, r.allocationLength());
                case 0x25 -> cut(ByteBuffer.allocate(8).putInt((int) (blocks() - 1)).putInt(BLOCK).flip(), 8, r);
                case 0x9e -> (c[1] & 0x1f) == 0x10
                        ? cut(ByteBuffer.allocate(32).putLong(blocks() - 1).putInt(BLOCK).flip(), u32(c, 10), r)
                        : check(SenseData.ILLEGAL_REQUEST, 0x24, 0);
                case 0x28 -> read(u32(c, 2) & 0xffffffffL, u16(c, 7), r);
                case 0x88 -> read(ByteBuffer.wrap(c).getLong(2), u32(c, 10), r);
                case 0x2a -> write(u32(c, 2) & 0xffffffffL, u16(c, 7), r);
                case 0x8a -> write(ByteBuffer.wrap(c).getLong(2), u32(c, 10), r);
                case 0xa0 -> cut(ByteBuffer.allocate(16).putInt(8).putInt(0).putLong(0).flip(), u32(c, 6), r);
                case 0x1a -> cut(ByteBuffer.wrap(new byte[] {3, 0, 0, 0}), c[4] & 0xff, r);
                default -> check(SenseData.ILLEGAL_REQUEST, 0x20, 0x00); // INVALID COMMAND OPERATION CODE
            };
        } catch (BlockRangeException e) {
            return check(SenseData.ILLEGAL_REQUEST, 0x21, 0x00); // LBA OUT OF RANGE
        } catch (IOException e) {
            return check(SenseData.MEDIUM_ERROR, 0x11, 0x00);
        }
    }

    private long blocks() {
        return device.size() / BLOCK;
    }

    private ScsiResult read(long lba, long count, ScsiRequest r) throws IOException {
        if (lba < 0 || lba + count > blocks()) {
            return check(SenseData.ILLEGAL_REQUEST, 0x21, 0x00);
        }
        int length = (int) Math.min(count * BLOCK, r.allocationLength());
        ByteBuffer data = ByteBuffer.allocate(length);
        device.read(lba * BLOCK, data);
        return ScsiResult.good(data.flip());
    }

    private ScsiResult write(long lba, long count, ScsiRequest r) throws IOException {
        if (lba < 0 || lba + count > blocks()) {
            return check(SenseData.ILLEGAL_REQUEST, 0x21, 0x00);
        }
        ByteBuffer data = r.dataOut().duplicate();
        data.limit(data.position() + (int) Math.min(data.remaining(), count * BLOCK));
        device.write(lba * BLOCK, data);
        return ScsiResult.good();
    }

    private ScsiResult inquiry(byte[] c, int transportLimit) {
        int allocation = Math.min(u16(c, 3), transportLimit);
        boolean evpd = (c[1] & 1) != 0;
        int page = c[2] & 0xff;
        ByteBuffer b = ByteBuffer.allocate(96);
        if (!evpd) {
            if (page != 0) {
                return check(SenseData.ILLEGAL_REQUEST, 0x24, 0);
            }
            b.put((byte) 0).put((byte) 0).put((byte) 6).put((byte) 2).put((byte) 91).put((byte) 0).put((byte) 0)
                    .put((byte) 2).put(ascii("STRMBOOT", 8)).put(ascii("MEMORY DISK", 16)).put(ascii("0001", 4));
            b.position(96);
        } else {
            byte[] body = switch (page) {
                case 0x00 -> new byte[] {0x00, (byte) 0x80, (byte) 0x83};
                case 0x80 -> ascii("MEM0001", 7);
                case 0x83 -> {
                    byte[] id = ascii("STRMBOOTmem0001", 15);
                    ByteBuffer d = ByteBuffer.allocate(4 + id.length).put((byte) 2).put((byte) 1).put((byte) 0)
                            .put((byte) id.length).put(id);
                    yield d.array();
                }
                default -> null;
            };
            if (body == null) {
                return check(SenseData.ILLEGAL_REQUEST, 0x24, 0);
            }
            b.put((byte) 0).put((byte) page).putShort((short) body.length).put(body);
        }
        b.flip();
        b.limit(Math.min(b.limit(), allocation));
        return ScsiResult.good(b);
    }

    private static ScsiResult cut(ByteBuffer data, long cdbAllocation, ScsiRequest r) {
        data.limit((int) Math.min(data.limit(), Math.min(cdbAllocation, r.allocationLength())));
        return ScsiResult.good(data);
    }

    private static ScsiResult check(int key, int asc, int ascq) {
        return ScsiResult.checkCondition(SenseData.of(key, asc, ascq));
    }

    private static byte[] ascii(String s, int width) {
        byte[] b = new byte[width];
        java.util.Arrays.fill(b, (byte) ' ');
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, Math.min(t.length, width));
        return b;
    }

    private static int u16(byte[] c, int at) {
        return (c[at] & 0xff) << 8 | c[at + 1] & 0xff;
    }

    private static int u32(byte[] c, int at) {
        return ByteBuffer.wrap(c).getInt(at);
    }
}
