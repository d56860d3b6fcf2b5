package org.streamboot.server.iscsi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Builds wire frames the way an initiator would, with optional CRC32C digests. */
final class FrameTestSupport {

    private FrameTestSupport() {
    }

    static byte[] frame(Pdu pdu, boolean headerDigest, boolean dataDigest) {
        byte[] bhs = PduCodec.encodeHeader(pdu);
        byte[] data = pdu.data();
        byte[] pad = new byte[Digests.padding(data.length)];
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(bhs);
        if (headerDigest) {
            out.writeIntLE(Digests.crc32c(bhs));
        }
        if (data.length > 0) {
            out.writeBytes(data).writeBytes(pad);
            if (dataDigest) {
                out.writeIntLE(Digests.crc32c(data, pad));
            }
        }
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        return bytes;
    }

    /** Decodes one target frame from an outbound buffer (no digests) and releases it. */
    static Pdu decodeOutbound(ByteBuf buf) {
        try {
            byte[] bhs = new byte[PduCodec.BHS_LENGTH];
            buf.readBytes(bhs);
            int len = PduCodec.dataSegmentLength(bhs);
            byte[] data = new byte[len];
            buf.readBytes(data);
            buf.skipBytes(Digests.padding(len));
            if (buf.isReadable()) {
                throw new AssertionError(buf.readableBytes() + " bytes after one PDU");
            }
            return PduCodec.decode(bhs, data);
        } finally {
            buf.release();
        }
    }
}
