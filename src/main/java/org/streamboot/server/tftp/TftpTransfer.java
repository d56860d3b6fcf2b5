package org.streamboot.server.tftp;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One read transfer as a state machine with no I/O: the handler feeds it packets, read
 * results and timer expiries, and carries out the {@link Action} it returns.
 *
 * <p>Blocks are counted with a 64-bit index from 0; the 16-bit number on the wire is
 * {@code (index + 1) mod 65536}, so past block 65535 the numbering rolls over to 0, which is
 * what curl, atftp and iPXE expect for files of more than 65535 blocks.
 *
 * <p>A file of {@code size} bytes is sent in {@code size / blksize + 1} blocks: the last is
 * shorter than blksize, and empty when the size is a multiple of it (RFC 1350 section 6).
 */
public final class TftpTransfer {

    public enum State {
        /** OACK sent; waiting for ACK 0 (RFC 2347 section 3). */
        AWAITING_OACK_ACK,
        /** The next window's bytes are being read from disk. */
        READING,
        /** A window of DATA is out; waiting for its ACK. */
        AWAITING_ACK,
        COMPLETE,
        FAILED
    }

    /** What the handler must do next. */
    public sealed interface Action {
        /** Send these packets to the client and arm the retransmission timer. */
        record Send(List<TftpPacket> packets, boolean retransmission) implements Action {
        }

        /** Read {@code length} bytes at {@code offset} off the event loop, then call {@link #onChunkRead}. */
        record Read(long offset, int length) implements Action {
        }

        /** The client acknowledged the last block. */
        record Complete() implements Action {
        }

        /** The transfer is over without success; send {@code reply} if present. */
        record Fail(String reason, Optional<TftpPacket.Error> reply) implements Action {
        }

        /**
         * The client only wanted the size: it asked for {@code tsize}, got the OACK and ended with
         * an ERROR before the first block, as PXE firmware does before the real download (the
         * PXE spec's MTFTP size query; EDK2's PXE base code sends "request denied", the code that
         * also means "options declined" (RFC 2347), so the two cannot be told apart here; either
         * way the client comes back with a new request if it wants the file).
         *
         * @param clientMessage the text of the client's ERROR, possibly empty
         */
        record SizeProbed(long size, String clientMessage) implements Action {
        }

        /** Nothing to do (a duplicate or stale packet); the reason is for counters and debug logs. */
        record Ignore(String why) implements Action {
        }
    }

    private final long size;
    private final TftpOptions options;
    private final int maxRetries;
    private final int readAhead;
    private final long lastIndex;

    private State state;
    private long windowFirst;
    private int windowCount;
    private byte[] chunk = new byte[0];
    private long chunkOffset;
    private int chunkLength;
    private int pendingReadLength;
    private List<TftpPacket> inFlight = List.of();
    private int retries;
    private long retransmits;
    private long duplicateAcks;
    private long blocksAcknowledged;

    public TftpTransfer(long size, TftpOptions options, int maxRetries, int readAhead) {
        if (size < 0) {
            throw new IllegalArgumentException("negative file size");
        }
        this.size = size;
        this.options = options;
        this.maxRetries = maxRetries;
        this.readAhead = readAhead;
        this.lastIndex = size / options.blockSize();
    }

    public Action start() {
        if (!options.oack().isEmpty()) {
            state = State.AWAITING_OACK_ACK;
            inFlight = List.of(new TftpPacket.Oack(options.oack()));
            return new Action.Send(inFlight, false);
        }
        return window(0);
    }

    public Action onAck(int block) {
        return switch (state) {
            case AWAITING_OACK_ACK -> block == 0 ? window(0) : new Action.Ignore("ACK " + block + " before the OACK was acknowledged");
            case AWAITING_ACK -> ackInWindow(block);
            case READING -> duplicate();
            case COMPLETE, FAILED -> new Action.Ignore("ACK after the transfer ended");
        };
    }

    private Action ackInWindow(int block) {
        // Distance from the block just before the window: 0 is a repeat of the last ACK.
        int delta = (block - (int) (windowFirst & 0xFFFF)) & 0xFFFF;
        if (delta == 0) {
            return duplicate();
        }
        if (delta > windowCount) {
            return new Action.Ignore("ACK " + block + " is outside the window");
        }
        long acked = windowFirst + delta - 1;
        blocksAcknowledged = acked + 1;
        if (acked == lastIndex) {
            state = State.COMPLETE;
            return new Action.Complete();
        }
        // A full window moves on; an ACK inside it restarts after the acknowledged block (RFC 7440 section 4).
        return window(acked + 1);
    }

    /**
     * RFC 1123 section 4.2.3.1: a repeated ACK must not trigger a retransmission, or every
     * delayed ACK doubles the traffic for the rest of the transfer (Sorcerer's Apprentice).
     * Only the timer retransmits.
     */
    private Action duplicate() {
        duplicateAcks++;
        return new Action.Ignore("duplicate ACK");
    }

    private Action window(long first) {
        windowFirst = first;
        windowCount = (int) Math.min(options.windowSize(), lastIndex - first + 1);
        retries = 0;
        long offset = first * options.blockSize();
        int needed = (int) Math.min((long) windowCount * options.blockSize(), size - offset);
        if (offset >= chunkOffset && offset + needed <= chunkOffset + chunkLength) {
            return sendWindow();
        }
        state = State.READING;
        pendingReadLength = (int) Math.min(Math.max(needed, readAhead), size - offset);
        return new Action.Read(offset, pendingReadLength);
    }

    public Action onChunkRead(long offset, byte[] bytes, int length) {
        if (state != State.READING || offset != windowFirst * options.blockSize()) {
            return new Action.Ignore("read result that was not asked for");
        }
        if (length < pendingReadLength) {
            return fail("the file became shorter while it was being sent",
                    new TftpPacket.Error(TftpErrorCode.NOT_DEFINED, "file changed during transfer"));
        }
        chunk = bytes;
        chunkOffset = offset;
        chunkLength = length;
        return sendWindow();
    }

    private Action sendWindow() {
        List<TftpPacket> packets = new ArrayList<>(windowCount);
        for (int i = 0; i < windowCount; i++) {
            long index = windowFirst + i;
            long at = index * options.blockSize();
            int length = (int) Math.min(options.blockSize(), size - at);
            ByteBuffer payload = ByteBuffer.wrap(chunk, (int) (at - chunkOffset), length);
            packets.add(new TftpPacket.Data((int) ((index + 1) & 0xFFFF), payload));
        }
        state = State.AWAITING_ACK;
        inFlight = List.copyOf(packets);
        return new Action.Send(inFlight, false);
    }

    public Action onReadFailed(String why) {
        return fail("cannot read the file: " + why, new TftpPacket.Error(TftpErrorCode.NOT_DEFINED, "server cannot read the file"));
    }

    public Action onTimeout() {
        if (state != State.AWAITING_ACK && state != State.AWAITING_OACK_ACK) {
            return new Action.Ignore("timer fired in state " + state);
        }
        if (retries >= maxRetries) {
            return fail("the client stopped answering (no ACK after " + maxRetries + " retransmissions)",
                    new TftpPacket.Error(TftpErrorCode.NOT_DEFINED, "timed out waiting for ACK"));
        }
        retries++;
        retransmits += inFlight.size();
        return new Action.Send(inFlight, true);
    }

    /** RFC 1350 section 7: an ERROR from the peer ends the transfer and is never answered. */
    public Action onPeerError(TftpPacket.Error error) {
        if (isOver()) {
            return new Action.Ignore("ERROR after the transfer ended");
        }
        if (state == State.AWAITING_OACK_ACK && options.oack().containsKey("tsize")) {
            state = State.COMPLETE;
            inFlight = List.of();
            return new Action.SizeProbed(size, error.message());
        }
        String reason = error.code() == TftpErrorCode.OPTION_NEGOTIATION.code()
                ? "the client declined the options offered"
                : "the client aborted the transfer (" + TftpErrorCode.describe(error.code()) + ")";
        return fail(error.message().isBlank() ? reason : reason + ": " + error.message(), null);
    }

    /** A packet that has no place in a read transfer (DATA, a request, an OACK). */
    public Action onUnexpected(TftpPacket packet) {
        if (isOver()) {
            return new Action.Ignore("packet after the transfer ended");
        }
        String what = packet.getClass().getSimpleName().toUpperCase();
        return fail("the client sent " + what + " during a read",
                new TftpPacket.Error(TftpErrorCode.ILLEGAL_OPERATION, what + " is not expected from a reader"));
    }

    /** A datagram from the client that does not decode: RFC 1350 ends the transfer with an ERROR. */
    public Action onMalformed(TftpDecodeException problem) {
        if (isOver()) {
            return new Action.Ignore("malformed packet after the transfer ended");
        }
        return fail("the client sent a malformed packet: " + problem.getMessage(),
                new TftpPacket.Error(problem.reply(), problem.getMessage()));
    }

    private Action fail(String reason, TftpPacket.Error reply) {
        state = State.FAILED;
        inFlight = List.of();
        return new Action.Fail(reason, Optional.ofNullable(reply));
    }

    public boolean isOver() {
        return state == State.COMPLETE || state == State.FAILED;
    }

    public State state() {
        return state;
    }

    public Duration timeout() {
        return options.timeout();
    }

    public TftpOptions options() {
        return options;
    }

    public long size() {
        return size;
    }

    public long blocksAcknowledged() {
        return blocksAcknowledged;
    }

    public long bytesAcknowledged() {
        return Math.min(size, blocksAcknowledged * options.blockSize());
    }

    /** DATA or OACK packets sent again after a timeout. */
    public long retransmits() {
        return retransmits;
    }

    public long duplicateAcks() {
        return duplicateAcks;
    }
}
