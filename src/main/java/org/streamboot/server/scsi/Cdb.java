package org.streamboot.server.scsi;

/**
 * Big-endian field readers for CDBs and parameter lists. Callers have already checked that the
 * CDB is as long as its opcode needs ({@link Command#length}).
 */
final class Cdb {

    private Cdb() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }

    static int u24(byte[] b, int i) {
        return (u8(b, i) << 16) | u16(b, i + 1);
    }

    static long u32(byte[] b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }

    static long u64(byte[] b, int i) {
        return (u32(b, i) << 32) | u32(b, i + 4);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, long v) {
        put16(b, i, (int) (v >>> 16));
        put16(b, i + 2, (int) v);
    }

    static void put64(byte[] b, int i, long v) {
        put32(b, i, v >>> 32);
        put32(b, i + 4, v);
    }

    static boolean bit(byte[] b, int index, int bit) {
        return (b[index] & (1 << bit)) != 0;
    }
}
