package org.streamboot.server.nbd;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/** What {@link NbdFrameDecoder} hands to the handler: one message of the current phase. */
sealed interface NbdInbound {

    /** The client's 32-bit flags, sent once after the server greeting. */
    record ClientFlags(int flags) implements NbdInbound {
    }

    /**
     * One option request ("Option haggling"). When the client announced more data than
     * {@link NbdProtocol#MAX_OPTION_DATA}, the data was skipped unread and {@code oversized} is set.
     */
    record OptionRequest(int option, int length, byte[] data, boolean oversized) implements NbdInbound {
        public OptionRequest {
            data = data.clone();
        }

        static OptionRequest of(int option, byte[] data) {
            return new OptionRequest(option, data.length, data, false);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OptionRequest other && option == other.option && length == other.length
                    && oversized == other.oversized && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return 31 * Integer.hashCode(option) + Arrays.hashCode(data);
        }
    }

    /**
     * One transmission request ("Request message"). {@code payload} holds the data of a WRITE
     * and must be released by whoever takes the request; it is null for other commands and for a
     * write larger than {@link NbdProtocol#MAX_PAYLOAD}, whose data the decoder skipped
     * ({@code payloadSkipped}) so that the stream stays in step and the request can get EINVAL.
     *
     * @param length unsigned 32-bit length, widened
     */
    record Request(int flags, int type, long cookie, long offset, long length, ByteBuf payload, boolean payloadSkipped)
            implements NbdInbound {

        void release() {
            if (payload != null && payload.refCnt() > 0) {
                payload.release();
            }
        }
    }

    /** The stream cannot be followed any more (bad magic); the connection must end. */
    record Violation(String reason) implements NbdInbound {
    }
}
