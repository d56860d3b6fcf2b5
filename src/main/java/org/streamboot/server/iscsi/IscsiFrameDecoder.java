package org.streamboot.server.iscsi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the TCP stream into PDUs (RFC 7143 section 11.2): a 48-byte BHS, TotalAHSLength in
 * 4-byte words, an optional header digest, the data segment padded to 4 bytes and an optional
 * data digest. Every length is checked against the negotiated MaxRecvDataSegmentLength before
 * anything is allocated; a frame error is passed on as a {@link FrameError} and everything after
 * it is discarded, because at ErrorRecoveryLevel 0 the connection is closed anyway.
 */
public final class IscsiFrameDecoder extends ByteToMessageDecoder {

    /** The largest DataSegmentLength ever accepted, whatever was negotiated. */
    public static final int HARD_LIMIT = 1 << 20;
    /** RFC 7143 13.12: 8192 is MaxRecvDataSegmentLength's default, in force during login. */
    public static final int LOGIN_LIMIT = 8192;

    private int maxDataSegment = LOGIN_LIMIT;
    private boolean headerDigest;
    private boolean dataDigest;
    private boolean failed;

    /** Applies the values negotiated at login; they start with the next PDU (RFC 7143 13.1, 13.12). */
    public void enterFullFeaturePhase(int maxRecvDataSegmentLength, boolean headerDigest, boolean dataDigest) {
        this.maxDataSegment = Math.min(maxRecvDataSegmentLength, HARD_LIMIT);
        this.headerDigest = headerDigest;
        this.dataDigest = dataDigest;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < PduCodec.BHS_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int ahsLength = in.getUnsignedByte(start + 4) * 4;
        int dataLength = in.getUnsignedMedium(start + 5);
        if (dataLength > maxDataSegment) {
            fail(out, FrameError.Kind.SEGMENT_TOO_LONG, "data segment of " + dataLength + " bytes exceeds the negotiated "
                    + maxDataSegment, null, in);
            return;
        }
        int headerLength = PduCodec.BHS_LENGTH + ahsLength;
        int headerDigestLength = headerDigest ? Digests.LENGTH : 0;
        int paddedData = dataLength + Digests.padding(dataLength);
        int dataDigestLength = dataDigest && dataLength > 0 ? Digests.LENGTH : 0;
        int total = headerLength + headerDigestLength + paddedData + dataDigestLength;
        if (in.readableBytes() < total) {
            return;
        }
        if (headerDigest && in.getIntLE(start + headerLength) != Digests.crc32c(in, start, headerLength)) {
            fail(out, FrameError.Kind.HEADER_DIGEST, "header digest mismatch", null, in);
            return;
        }
        byte[] bhs = new byte[PduCodec.BHS_LENGTH];
        in.getBytes(start, bhs);
        int dataStart = start + headerLength + headerDigestLength;
        if (dataDigestLength > 0 && in.getIntLE(dataStart + paddedData) != Digests.crc32c(in, dataStart, paddedData)) {
            fail(out, FrameError.Kind.DATA_DIGEST, "data digest mismatch", bhs, in);
            return;
        }
        byte[] data = dataLength == 0 ? Pdu.EMPTY : new byte[dataLength];
        in.getBytes(dataStart, data);
        in.skipBytes(total);
        out.add(PduCodec.decode(bhs, data));
    }

    private void fail(List<Object> out, FrameError.Kind kind, String detail, byte[] header, ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
        out.add(new FrameError(kind, detail, header));
    }
}
