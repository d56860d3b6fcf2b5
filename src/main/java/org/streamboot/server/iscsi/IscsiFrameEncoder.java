package org.streamboot.server.iscsi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.ByteBuffer;

/** Writes PDUs: BHS, header digest, data padded to 4 bytes, data digest (RFC 7143 11.2, 13.1). */
public final class IscsiFrameEncoder extends MessageToByteEncoder<Pdu> {

    private boolean headerDigest;
    private boolean dataDigest;

    public IscsiFrameEncoder() {
        super(Pdu.class);
    }

    /** Digests start with the first PDU after the final Login Response (RFC 7143 13.1). */
    public void enableDigests(boolean header, boolean data) {
        this.headerDigest = header;
        this.dataDigest = data;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Pdu pdu, ByteBuf out) {
        byte[] bhs = PduCodec.encodeHeader(pdu);
        ByteBuffer data = pdu.payload();
        int length = data.remaining();
        int pad = Digests.padding(length);
        out.writeBytes(bhs);
        if (headerDigest) {
            out.writeIntLE(Digests.crc32c(bhs));
        }
        if (length > 0) {
            int start = out.writerIndex();
            out.writeBytes(data).writeZero(pad);
            if (dataDigest) {
                out.writeIntLE(Digests.crc32c(out, start, length + pad));
            }
        }
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Pdu pdu, boolean preferDirect) {
        int size = PduCodec.BHS_LENGTH + 2 * Digests.LENGTH + pdu.dataLength() + 3;
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }
}
