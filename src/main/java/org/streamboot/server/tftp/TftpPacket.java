package org.streamboot.server.tftp;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The six TFTP packets (RFC 1350 section 5, OACK from RFC 2347). Option names are kept in
 * lower case (RFC 2347: names are case-insensitive) and in the order the peer sent them.
 */
public sealed interface TftpPacket {

    int OP_RRQ = 1;
    int OP_WRQ = 2;
    int OP_DATA = 3;
    int OP_ACK = 4;
    int OP_ERROR = 5;
    int OP_OACK = 6;

    /** Largest DATA payload: RFC 2348 caps blksize at 65464 (a 64 KiB datagram less headers). */
    int MAX_BLOCK_SIZE = 65464;

    /** Read request. */
    record Rrq(String filename, String mode, Map<String, String> options) implements TftpPacket {
        public Rrq {
            Objects.requireNonNull(filename);
            Objects.requireNonNull(mode);
            options = frozen(options);
        }
    }

    /** Write request: parsed so it can be refused properly; this server never writes. */
    record Wrq(String filename, String mode, Map<String, String> options) implements TftpPacket {
        public Wrq {
            Objects.requireNonNull(filename);
            Objects.requireNonNull(mode);
            options = frozen(options);
        }
    }

    /** One block of file data; {@code block} is the 16-bit number on the wire. */
    record Data(int block, ByteBuffer payload) implements TftpPacket {
        public Data {
            checkBlock(block);
            if (payload.remaining() > MAX_BLOCK_SIZE) {
                throw new IllegalArgumentException("DATA payload of " + payload.remaining() + " bytes exceeds " + MAX_BLOCK_SIZE);
            }
            payload = payload.asReadOnlyBuffer();
        }

        public int length() {
            return payload.remaining();
        }
    }

    record Ack(int block) implements TftpPacket {
        public Ack {
            checkBlock(block);
        }
    }

    record Error(int code, String message) implements TftpPacket {
        public Error {
            if (code < 0 || code > 0xFFFF) {
                throw new IllegalArgumentException("error code " + code + " is not a 16-bit value");
            }
            Objects.requireNonNull(message);
        }

        public Error(TftpErrorCode code, String message) {
            this(code.code(), message);
        }
    }

    /** Option acknowledgement (RFC 2347): the options the server accepted, with its values. */
    record Oack(Map<String, String> options) implements TftpPacket {
        public Oack {
            options = frozen(options);
        }
    }

    private static Map<String, String> frozen(Map<String, String> options) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    private static void checkBlock(int block) {
        if (block < 0 || block > 0xFFFF) {
            throw new IllegalArgumentException("block number " + block + " is not a 16-bit value");
        }
    }
}
