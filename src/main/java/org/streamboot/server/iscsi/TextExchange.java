package org.streamboot.server.iscsi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.streamboot.server.iscsi.Pdu.TextRequest;
import org.streamboot.server.iscsi.Pdu.TextResponse;

/**
 * Text negotiation in full feature phase (RFC 7143 11.10, 11.11): SendTargets (appendix C),
 * requests continued with the C bit, and answers longer than the initiator's
 * MaxRecvDataSegmentLength split into PDUs the initiator fetches with empty requests carrying
 * our Target Transfer Tag. Other keys are answered NotUnderstood.
 */
final class TextExchange {

    sealed interface Outcome {
        record Reply(byte[] keys) implements Outcome {
        }

        record NeedTargets(String which) implements Outcome {
        }

        record Chunk(byte[] data, boolean fin, boolean cont, int ttt) implements Outcome {
            TextResponse toPdu(TextRequest t, int statSn, int expCmdSn, int maxCmdSn) {
                return new TextResponse(fin, cont, t.lun(), t.itt(), ttt, statSn, expCmdSn, maxCmdSn, data);
            }
        }

        record Invalid(String why) implements Outcome {
        }
    }

    private final int maxText;
    private final String portal;
    private final ByteArrayOutputStream incoming = new ByteArrayOutputStream();
    private byte[] outgoing;
    private int outgoingOffset;
    private int outgoingTag = Pdu.NO_TAG;
    private int outgoingChunk;

    /** @param portal the address the initiator connected to, as "host:port" (IPv6 in brackets) */
    TextExchange(int maxText, String portal) {
        this.maxText = maxText;
        this.portal = portal;
    }

    Outcome onRequest(TextRequest t) {
        if (t.ttt() != Pdu.NO_TAG) {
            if (t.ttt() != outgoingTag || t.data().length > 0) {
                return new Outcome.Invalid("Text Request with unknown Target Transfer Tag");
            }
            return nextChunk();
        }
        outgoing = null;
        outgoingTag = Pdu.NO_TAG;
        if (incoming.size() + t.data().length > maxText) {
            incoming.reset();
            return new Outcome.Invalid("text request longer than " + maxText + " bytes");
        }
        incoming.writeBytes(t.data());
        if (t.cont()) {
            // RFC 7143 11.10.2: acknowledge the part; the initiator sends the rest.
            return new Outcome.Chunk(Pdu.EMPTY, false, false, Pdu.NO_TAG);
        }
        Map<String, String> keys;
        try {
            keys = TextKeys.parse(incoming.toByteArray());
        } catch (IllegalArgumentException e) {
            return new Outcome.Invalid(e.getMessage());
        } finally {
            incoming.reset();
        }
        if (keys.containsKey("SendTargets")) {
            return new Outcome.NeedTargets(keys.get("SendTargets"));
        }
        Map<String, String> answers = new LinkedHashMap<>();
        keys.keySet().forEach(k -> answers.put(k, KeyNegotiator.NOT_UNDERSTOOD));
        return new Outcome.Reply(TextKeys.format(answers));
    }

    /** The SendTargets answer: every selected target with this portal and portal group tag 1. */
    byte[] sendTargets(List<String> names, String which, boolean discovery, String currentTarget) {
        List<String> selected = new ArrayList<>();
        if (which.equals("All")) {
            selected.addAll(names);
        } else if (which.isEmpty()) {
            if (!discovery && currentTarget != null) {
                selected.add(currentTarget);
            }
        } else {
            names.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(which.toLowerCase(Locale.ROOT)))
                    .forEach(selected::add);
        }
        StringBuilder sb = new StringBuilder();
        for (String name : selected) {
            sb.append("TargetName=").append(name).append('\0');
            sb.append("TargetAddress=").append(portal).append(",1").append('\0');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The first PDU of an answer; when it does not fit, the rest is held for continuation requests. */
    TextResponse firstChunk(TextRequest t, byte[] keys, int maxSegment, int tag, ResponseBuilder.Numbers numbers) {
        if (keys.length <= maxSegment) {
            return new TextResponse(true, false, t.lun(), t.itt(), Pdu.NO_TAG, numbers.nextStatSn(), numbers.expCmdSn(),
                    numbers.maxCmdSn(), keys);
        }
        outgoing = keys;
        outgoingOffset = 0;
        outgoingTag = tag;
        outgoingChunk = maxSegment;
        Outcome.Chunk c = (Outcome.Chunk) nextChunk();
        return c.toPdu(t, numbers.nextStatSn(), numbers.expCmdSn(), numbers.maxCmdSn());
    }

    private Outcome nextChunk() {
        int length = Math.min(outgoingChunk, outgoing.length - outgoingOffset);
        byte[] part = new byte[length];
        System.arraycopy(outgoing, outgoingOffset, part, 0, length);
        outgoingOffset += length;
        boolean last = outgoingOffset == outgoing.length;
        int ttt = outgoingTag;
        if (last) {
            outgoing = null;
            outgoingTag = Pdu.NO_TAG;
        }
        return new Outcome.Chunk(part, last, !last, last ? Pdu.NO_TAG : ttt);
    }
}
