package org.streamboot.server.iscsi;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32C;

/**
 * CRC32C header and data digests (RFC 7143 section 13.1, algorithm of RFC 3385). The 32-bit value
 * goes on the wire least significant byte first: RFC 3720 appendix B.4 lists the digest of 32
 * zero bytes as "aa 36 91 8a", which is 0x8a9136aa.
 */
final class Digests {

    static final int LENGTH = 4;

    private Digests() {
    }

    static int crc32c(ByteBuf buf, int index, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf.nioBuffer(index, length));
        return (int) crc.getValue();
    }

    static int crc32c(byte[]... parts) {
        CRC32C crc = new CRC32C();
        for (byte[] part : parts) {
            crc.update(part);
        }
        return (int) crc.getValue();
    }

    /** Bytes of padding after a data segment: segments are padded to a multiple of 4 (RFC 7143 11.2.4). */
    static int padding(int length) {
        return -length & 3;
    }
}
