package org.streamboot.server.nbd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the client's byte stream into {@link NbdInbound} messages. The framing depends on the
 * phase (client flags, option haggling, transmission), so the decoder keeps a phase of its own.
 * After the client flags and after each option it holds: bytes pile up unread until the handler has answered (which may
 * mean opening an export on an executor) and says which phase follows. So options are handled
 * strictly one at a time and a GO that succeeds switches framing exactly at the right byte.
 *
 * <p>Lengths are checked before anything is allocated: option data above
 * {@link NbdProtocol#MAX_OPTION_DATA} and write payloads above {@link NbdProtocol#MAX_PAYLOAD}
 * are skipped as they arrive, never buffered, and reported so the client gets an error reply.
 */
final class NbdFrameDecoder extends ByteToMessageDecoder {

    enum Phase { CLIENT_FLAGS, OPTION_HEADER, OPTION_DATA, SKIP_OPTION, HOLD, REQUEST_HEADER, WRITE_PAYLOAD, SKIP_PAYLOAD, DEAD }

    private Phase phase = Phase.CLIENT_FLAGS;
    private int option;
    private long remaining;
    private int reqFlags;
    private int reqType;
    private long reqCookie;
    private long reqOffset;
    private long reqLength;

    Phase phase() {
        return phase;
    }

    /**
     * Called by the handler on the event loop once it knows how the negotiation goes on. The
     * held bytes are decoded in a later task, never from inside the handler's channelRead:
     * re-entering ByteToMessageDecoder there could replace the buffer it is still reading.
     */
    void resume(ChannelHandlerContext ctx, boolean transmission) {
        if (phase != Phase.HOLD) {
            return;
        }
        phase = transmission ? Phase.REQUEST_HEADER : Phase.OPTION_HEADER;
        ctx.executor().execute(() -> {
            if (ctx.channel().isActive()) {
                // An empty read makes ByteToMessageDecoder decode whatever piled up while holding.
                ctx.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
            }
        });
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (phase) {
            case CLIENT_FLAGS -> {
                if (in.readableBytes() >= 4) {
                    out.add(new NbdInbound.ClientFlags(in.readInt()));
                    phase = Phase.HOLD;
                }
            }
            case OPTION_HEADER -> optionHeader(in, out);
            case OPTION_DATA -> optionData(in, out);
            case SKIP_OPTION -> {
                if (skip(in)) {
                    out.add(new NbdInbound.OptionRequest(option, -1, new byte[0], true));
                    phase = Phase.HOLD;
                }
            }
            case REQUEST_HEADER -> requestHeader(in, out);
            case WRITE_PAYLOAD -> writePayload(in, out);
            case SKIP_PAYLOAD -> {
                if (skip(in)) {
                    out.add(request(null, true));
                    phase = Phase.REQUEST_HEADER;
                }
            }
            case HOLD -> {
                // Wait for resume().
            }
            case DEAD -> in.skipBytes(in.readableBytes());
        }
    }

    private void optionHeader(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 16) {
            return;
        }
        long magic = in.readLong();
        if (magic != NbdProtocol.IHAVEOPT) {
            violation(in, out, "option request without IHAVEOPT magic: 0x" + Long.toHexString(magic));
            return;
        }
        option = in.readInt();
        remaining = in.readUnsignedInt();
        if (remaining > NbdProtocol.MAX_OPTION_DATA) {
            phase = Phase.SKIP_OPTION;
            return;
        }
        phase = Phase.OPTION_DATA;
        optionData(in, out);
    }

    private void optionData(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < remaining) {
            return;
        }
        byte[] data = new byte[(int) remaining];
        in.readBytes(data);
        out.add(NbdInbound.OptionRequest.of(option, data));
        phase = Phase.HOLD;
    }

    private void requestHeader(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < NbdProtocol.REQUEST_HEADER) {
            return;
        }
        int magic = in.readInt();
        if (magic != NbdProtocol.REQUEST_MAGIC) {
            violation(in, out, "request without NBD_REQUEST_MAGIC: 0x" + Integer.toHexString(magic));
            return;
        }
        reqFlags = in.readUnsignedShort();
        reqType = in.readUnsignedShort();
        reqCookie = in.readLong();
        reqOffset = in.readLong();
        reqLength = in.readUnsignedInt();
        if (reqType != NbdProtocol.CMD_WRITE || reqLength == 0) {
            out.add(request(null, false));
            if (reqType == NbdProtocol.CMD_DISC) {
                // "The client MUST NOT send any further requests" after NBD_CMD_DISC.
                die(in);
            }
            return;
        }
        remaining = reqLength;
        phase = reqLength > NbdProtocol.MAX_PAYLOAD ? Phase.SKIP_PAYLOAD : Phase.WRITE_PAYLOAD;
        if (phase == Phase.WRITE_PAYLOAD) {
            writePayload(in, out);
        }
    }

    private void writePayload(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < reqLength) {
            return;
        }
        out.add(request(in.readRetainedSlice((int) reqLength), false));
        phase = Phase.REQUEST_HEADER;
    }

    private NbdInbound.Request request(ByteBuf payload, boolean skipped) {
        return new NbdInbound.Request(reqFlags, reqType, reqCookie, reqOffset, reqLength, payload, skipped);
    }

    /** Discards up to {@code remaining} bytes; true once all are gone. */
    private boolean skip(ByteBuf in) {
        int n = (int) Math.min(remaining, in.readableBytes());
        in.skipBytes(n);
        remaining -= n;
        return remaining == 0;
    }

    private void violation(ByteBuf in, List<Object> out, String reason) {
        out.add(new NbdInbound.Violation(reason));
        die(in);
    }

    /**
     * Stops decoding for good. The rest of the input is dropped now, before the handler sees the
     * last message and perhaps closes the channel, which releases the buffer being decoded.
     */
    private void die(ByteBuf in) {
        in.skipBytes(in.readableBytes());
        phase = Phase.DEAD;
    }
}
