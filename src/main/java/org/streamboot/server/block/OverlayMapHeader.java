package org.streamboot.server.block;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The first page of an overlay map file.
 *
 * <pre>
 * offset size field
 *      0    8 magic "SBOVMAP\0"
 *      8    4 format version (1)
 *     12    4 block size in bytes (4096)
 *     16    8 device size in bytes
 *     24    8 block count = ceil(device size / block size)
 *     32    4 CRC-32C of bytes 0..31
 *     36 4060 zero
 * </pre>
 * All integers little-endian. The header is padded to a whole page so that the state body
 * starts page-aligned and a body page write never shares a disk sector with the header.
 */
record OverlayMapHeader(int version, int blockSize, long deviceSize, long blockCount) {

    static final int LENGTH = 4096;
    static final int CURRENT_VERSION = 1;
    private static final byte[] MAGIC = "SBOVMAP\0".getBytes(StandardCharsets.US_ASCII);
    private static final int CRC_OFFSET = 32;

    static OverlayMapHeader forDevice(long deviceSize, int blockSize) {
        return new OverlayMapHeader(CURRENT_VERSION, blockSize, deviceSize, (deviceSize + blockSize - 1) / blockSize);
    }

    byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(version).putInt(blockSize).putLong(deviceSize).putLong(blockCount);
        buf.putInt(CRC_OFFSET, crc(buf.array()));
        return buf.array();
    }

    /** Parses and checks a header page; the message says what is wrong in plain words. */
    static OverlayMapHeader decode(byte[] page) {
        if (page.length < LENGTH) {
            throw new IllegalArgumentException("file is shorter than its " + LENGTH + "-byte header");
        }
        if (!Arrays.equals(page, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not an overlay map (bad magic)");
        }
        ByteBuffer buf = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.getInt(CRC_OFFSET) != crc(page)) {
            throw new IllegalArgumentException("header checksum mismatch (damaged header)");
        }
        int version = buf.getInt(8);
        if (version != CURRENT_VERSION) {
            throw new IllegalArgumentException("format version " + version + " is not supported (this build reads "
                    + CURRENT_VERSION + ")");
        }
        OverlayMapHeader header = new OverlayMapHeader(version, buf.getInt(12), buf.getLong(16), buf.getLong(24));
        if (header.blockSize() <= 0 || header.deviceSize() < 0
                || header.blockCount() != (header.deviceSize() + header.blockSize() - 1) / header.blockSize()) {
            throw new IllegalArgumentException("inconsistent header: " + header);
        }
        return header;
    }

    private static int crc(byte[] page) {
        CRC32C crc = new CRC32C();
        crc.update(page, 0, CRC_OFFSET);
        return (int) crc.getValue();
    }
}
