package org.streamboot.server.iscsi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import org.streamboot.server.net.MemoryViewBuf;

/**
 * Writes PDUs: BHS, header digest, data padded to 4 bytes, data digest (RFC 7143 11.2, 13.1).
 *
 * <p>A large Data-In segment is not copied: the frame is a composite of a small header buffer,
 * views of the read's buffer or of the read cache's slots, and a small trailer (padding, data
 * digest), which the socket writes with one gathering write. Whoever lent the read's memory
 * keeps it until the write has completed ({@link DataInBuffer#keepUntil}). Small segments are
 * copied into one buffer, which costs less than a composite.
 */
public final class IscsiFrameEncoder extends MessageToMessageEncoder<Pdu> {

    /** Data segments up to this size are copied into the frame; larger ones are referenced. */
    static final int COPY_THRESHOLD = MemoryViewBuf.WORTH_LENDING;

    private static final byte[] ZERO_PAD = new byte[3];

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
    protected void encode(ChannelHandlerContext ctx, Pdu pdu, List<Object> out) {
        ByteBuffer[] data = pdu instanceof Pdu.DataIn d ? d.pieces() : new ByteBuffer[] {pdu.payload()};
        int length = pdu.dataLength();
        if (length <= COPY_THRESHOLD || !(pdu instanceof Pdu.DataIn)) {
            out.add(copied(ctx, pdu, data, length));
        } else {
            out.add(referenced(ctx, pdu, data, length));
        }
    }

    private ByteBuf copied(ChannelHandlerContext ctx, Pdu pdu, ByteBuffer[] data, int length) {
        int pad = Digests.padding(length);
        ByteBuf out = ctx.alloc().ioBuffer(PduCodec.BHS_LENGTH + 2 * Digests.LENGTH + length + pad);
        try {
            writeHeader(out, pdu);
            if (length > 0) {
                int start = out.writerIndex();
                for (ByteBuffer piece : data) {
                    out.writeBytes(piece);
                }
                out.writeZero(pad);
                if (dataDigest) {
                    out.writeIntLE(Digests.crc32c(out, start, length + pad));
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Header, the segment's pieces as they are (read buffer or read-cache slots), trailer. */
    private ByteBuf referenced(ChannelHandlerContext ctx, Pdu pdu, ByteBuffer[] data, int length) {
        int pad = Digests.padding(length);
        ByteBuf header = ctx.alloc().ioBuffer(PduCodec.BHS_LENGTH + Digests.LENGTH);
        try {
            writeHeader(header, pdu);
        } catch (RuntimeException e) {
            header.release();
            throw e;
        }
        CompositeByteBuf frame = ctx.alloc().compositeDirectBuffer(data.length + 2);
        frame.addComponent(true, header);
        for (ByteBuffer piece : data) {
            frame.addComponent(true, Unpooled.wrappedBuffer(piece));
        }
        if (pad > 0 || dataDigest) {
            ByteBuf trailer = ctx.alloc().ioBuffer(pad + Digests.LENGTH).writeZero(pad);
            if (dataDigest) {
                // The digest covers the segment and its padding (RFC 7143 13.1).
                CRC32C crc = new CRC32C();
                for (ByteBuffer piece : data) {
                    crc.update(piece.duplicate());
                }
                crc.update(ZERO_PAD, 0, pad);
                trailer.writeIntLE((int) crc.getValue());
            }
            frame.addComponent(true, trailer);
        }
        return frame;
    }

    private void writeHeader(ByteBuf out, Pdu pdu) {
        byte[] bhs = PduCodec.encodeHeader(pdu);
        out.writeBytes(bhs);
        if (headerDigest) {
            out.writeIntLE(Digests.crc32c(bhs));
        }
    }
}
