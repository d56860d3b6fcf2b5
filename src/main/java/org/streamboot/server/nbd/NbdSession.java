package org.streamboot.server.nbd;

import static org.streamboot.server.nbd.NbdProtocol.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.streamboot.server.block.BlockDevice;

/**
 * One connection's protocol state, without I/O: it turns decoded messages into replies and
 * into requests for the handler (open an export, list exports, close). Fixed newstyle only.
 */
final class NbdSession {

    enum State { AWAIT_CLIENT_FLAGS, NEGOTIATING, LOOKING_UP, TRANSMISSION, DRAINING, CLOSED }

    /** What the handler must do next. */
    sealed interface Step {
    }

    /** Send option replies and go on negotiating; close {@code closeAfter} (an INFO peek) if set. */
    record Reply(List<OptionReply> replies, BlockDevice closeAfter) implements Step {
    }

    /** Call {@link NbdExports#open} off the event loop, then {@link #opened}. */
    record Open(OpenKind kind, String name, List<Integer> infoRequests) implements Step {
    }

    /** Call {@link NbdExports#names} off the event loop, then {@link #listed}. */
    record ListExports() implements Step {
    }

    /** Send the replies (or the EXPORT_NAME reply) and switch to the transmission phase. */
    record Transmit(Export export, List<OptionReply> replies, boolean exportNameReply) implements Step {
    }

    /** Send the replies, then close the connection. */
    record Close(String reason, List<OptionReply> replies) implements Step {
    }

    enum OpenKind { EXPORT_NAME, INFO, GO }

    /** The export a connection is transmitting on. */
    record Export(String name, BlockDevice device, long size, int flags, boolean readOnly) {
    }

    private State state = State.AWAIT_CLIENT_FLAGS;
    private boolean noZeroes;
    private boolean structuredReplies;
    private Export export;
    private int inFlight;

    State state() {
        return state;
    }

    boolean noZeroes() {
        return noZeroes;
    }

    boolean structuredReplies() {
        return structuredReplies;
    }

    Export export() {
        return export;
    }

    Step clientFlags(int flags) {
        expect(State.AWAIT_CLIENT_FLAGS);
        if ((flags & ~CLIENT_FLAGS_KNOWN) != 0) {
            return close("unknown client flags 0x" + Integer.toHexString(flags));
        }
        if ((flags & FLAG_FIXED_NEWSTYLE) == 0) {
            return close("client does not speak fixed newstyle");
        }
        noZeroes = (flags & FLAG_NO_ZEROES) != 0;
        state = State.NEGOTIATING;
        return new Reply(List.of(), null);
    }

    Step option(NbdInbound.OptionRequest request) {
        expect(State.NEGOTIATING);
        int opt = request.option();
        if (request.oversized()) {
            // EXPORT_NAME has no error reply: the document says to drop the connection.
            return opt == OPT_EXPORT_NAME ? close("export name too long")
                    : reply(OptionReply.error(opt, REP_ERR_TOO_BIG, "option data too large"));
        }
        byte[] data = request.data();
        return switch (opt) {
            case OPT_EXPORT_NAME -> lookUp(new Open(OpenKind.EXPORT_NAME, new String(data, StandardCharsets.UTF_8), List.of()));
            case OPT_ABORT -> close("client aborted the negotiation", OptionReply.ack(opt));
            case OPT_LIST -> data.length != 0 ? invalid(opt, "NBD_OPT_LIST carries no data") : lookUp(new ListExports());
            case OPT_INFO, OPT_GO -> infoOrGo(opt, data);
            case OPT_STRUCTURED_REPLY -> {
                if (data.length != 0) {
                    yield invalid(opt, "NBD_OPT_STRUCTURED_REPLY carries no data");
                }
                structuredReplies = true;
                yield reply(OptionReply.ack(opt));
            }
            default -> reply(OptionReply.error(opt, REP_ERR_UNSUP, "option " + opt + " is not supported"));
        };
    }

    /** Data: 32-bit name length, name, 16-bit count of info requests, 16-bit each. */
    private Step infoOrGo(int opt, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        if (data.length < 6) {
            return invalid(opt, "option data too short");
        }
        long nameLength = Integer.toUnsignedLong(in.getInt());
        if (nameLength > data.length - 6) {
            return invalid(opt, "export name length exceeds the option data");
        }
        byte[] name = new byte[(int) nameLength];
        in.get(name);
        int count = Short.toUnsignedInt(in.getShort());
        if (in.remaining() != 2 * count) {
            return invalid(opt, "information request count does not match the option length");
        }
        List<Integer> infos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            infos.add(Short.toUnsignedInt(in.getShort()));
        }
        OpenKind kind = opt == OPT_GO ? OpenKind.GO : OpenKind.INFO;
        return lookUp(new Open(kind, new String(name, StandardCharsets.UTF_8), List.copyOf(infos)));
    }

    Step listed(List<String> names) {
        expect(State.LOOKING_UP);
        state = State.NEGOTIATING;
        List<OptionReply> replies = new ArrayList<>();
        names.forEach(n -> replies.add(OptionReply.server(n)));
        replies.add(OptionReply.ack(OPT_LIST));
        return new Reply(replies, null);
    }

    Step opened(Open open, NbdExports.Outcome outcome) {
        expect(State.LOOKING_UP);
        int opt = switch (open.kind()) {
            case EXPORT_NAME -> OPT_EXPORT_NAME;
            case INFO -> OPT_INFO;
            case GO -> OPT_GO;
        };
        if (!(outcome instanceof NbdExports.Opened ok)) {
            String reason = outcome instanceof NbdExports.Denied d ? d.reason() : ((NbdExports.Unknown) outcome).reason();
            if (open.kind() == OpenKind.EXPORT_NAME) {
                return close("export '" + open.name() + "' refused: " + reason);
            }
            state = State.NEGOTIATING;
            int type = outcome instanceof NbdExports.Denied ? REP_ERR_POLICY : REP_ERR_UNKNOWN;
            return reply(OptionReply.error(opt, type, reason));
        }
        Export opened = describe(open.name(), ok);
        if (open.kind() == OpenKind.EXPORT_NAME) {
            return transmit(opened, List.of(), true);
        }
        List<OptionReply> replies = new ArrayList<>();
        replies.add(OptionReply.infoExport(opt, opened.size(), opened.flags()));
        for (int info : open.infoRequests()) {
            switch (info) {
                case INFO_NAME -> replies.add(OptionReply.infoText(opt, INFO_NAME, open.name()));
                case INFO_DESCRIPTION -> replies.add(OptionReply.infoText(opt, INFO_DESCRIPTION, ok.description()));
                case INFO_BLOCK_SIZE -> replies.add(OptionReply.infoBlockSize(opt, 1, PREFERRED_BLOCK, MAX_PAYLOAD));
                default -> {
                    // "The server MAY ignore requests for information it does not support."
                }
            }
        }
        replies.add(OptionReply.ack(opt));
        if (open.kind() == OpenKind.INFO) {
            state = State.NEGOTIATING;
            return new Reply(replies, ok.device());
        }
        return transmit(opened, replies, false);
    }

    private static Export describe(String name, NbdExports.Opened ok) {
        boolean readOnly = ok.readOnly() || ok.device().readOnly();
        // Many connections may share a read-only export safely; a writable one only if FLUSH on
        // one connection covers writes of the others, which this server cannot promise for
        // whatever device the exports hand out, so CAN_MULTI_CONN is left off there.
        int flags = readOnly
                ? TX_HAS_FLAGS | TX_READ_ONLY | TX_SEND_FLUSH | TX_CAN_MULTI_CONN
                : TX_HAS_FLAGS | TX_SEND_FLUSH | TX_SEND_FUA | TX_SEND_TRIM | TX_SEND_WRITE_ZEROES;
        return new Export(name, ok.device(), ok.device().size(), flags, readOnly);
    }

    private Step transmit(Export opened, List<OptionReply> replies, boolean exportNameReply) {
        export = opened;
        state = State.TRANSMISSION;
        return new Transmit(opened, replies, exportNameReply);
    }

    // ---- transmission phase ----------------------------------------------------------------

    /** The errno a request must fail with before it reaches the device, or 0 if it may run. */
    int check(NbdInbound.Request request) {
        int type = request.type();
        if ((request.flags() & ~(CMD_FLAG_FUA | CMD_FLAG_NO_HOLE)) != 0) {
            return EINVAL;
        }
        return switch (type) {
            case CMD_FLUSH -> 0;
            case CMD_READ -> request.length() == 0 || request.length() > MAX_PAYLOAD ? EINVAL : range(request);
            case CMD_WRITE -> export.readOnly() ? EPERM
                    : request.payloadSkipped() || request.length() == 0 ? EINVAL : range(request);
            case CMD_TRIM, CMD_WRITE_ZEROES -> export.readOnly() ? EPERM : request.length() == 0 ? EINVAL : range(request);
            default -> EINVAL;
        };
    }

    private int range(NbdInbound.Request request) {
        long offset = request.offset();
        long size = export.size();
        // offset is unsigned on the wire: a negative long is beyond any device.
        return offset < 0 || offset > size || request.length() > size - offset ? EINVAL : 0;
    }

    void requestStarted() {
        expect(State.TRANSMISSION);
        inFlight++;
    }

    /** @return true when the connection should now close (DISC seen and nothing left in flight) */
    boolean requestFinished() {
        inFlight--;
        return state == State.DRAINING && inFlight == 0 && finish();
    }

    /** NBD_CMD_DISC: finish what is in flight, then close. @return true to close now */
    boolean disconnect() {
        state = State.DRAINING;
        return inFlight == 0 && finish();
    }

    int inFlight() {
        return inFlight;
    }

    private boolean finish() {
        state = State.CLOSED;
        return true;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private Step lookUp(Step step) {
        state = State.LOOKING_UP;
        return step;
    }

    private static Reply reply(OptionReply reply) {
        return new Reply(List.of(reply), null);
    }

    private static Reply invalid(int opt, String why) {
        return reply(OptionReply.error(opt, REP_ERR_INVALID, why));
    }

    private Close close(String reason, OptionReply... replies) {
        state = State.CLOSED;
        return new Close(reason, List.of(replies));
    }

    private void expect(State expected) {
        if (state != expected) {
            throw new IllegalStateException("NBD session is " + state + ", not " + expected);
        }
    }
}
