package org.streamboot.server.iscsi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Operational key negotiation with the result function RFC 7143 section 13 gives each key:
 * declarative keys are taken as declared, numeric ones take the minimum or maximum, boolean
 * ones OR or AND, list ones the first entry both sides support. Values outside a key's range
 * are answered "Reject" and keep the default (6.2.1); keys nobody defined are "NotUnderstood".
 */
final class KeyNegotiator {

    static final String REJECT = "Reject", NOT_UNDERSTOOD = "NotUnderstood", IRRELEVANT = "Irrelevant";
    private static final int MAX_24 = (1 << 24) - 1;

    /** Keys of RFC 7143 13.* that make no sense in a discovery session (answered Irrelevant). */
    private static final Set<String> NORMAL_ONLY = Set.of("MaxBurstLength", "FirstBurstLength", "InitialR2T",
            "ImmediateData", "MaxOutstandingR2T", "DataPDUInOrder", "DataSequenceInOrder", "DefaultTime2Wait",
            "DefaultTime2Retain", "MaxConnections");
    /** Keys handled by the login state machine, not here. */
    static final Set<String> IDENTITY_KEYS = Set.of("InitiatorName", "InitiatorAlias", "TargetName", "SessionType",
            "AuthMethod", "TargetAlias", "TargetAddress", "TargetPortalGroupTag");

    private final TargetLimits limits;
    private final boolean discovery;
    private int initiatorMaxRecv = 8192;
    private int maxBurst = 262144;
    private int firstBurst = 65536;
    private boolean initialR2T = true;
    private boolean immediateData = true;
    private int maxOutstandingR2T = 1;
    private int time2Wait = 2;
    private int time2Retain = 20;
    private boolean headerDigest;
    private boolean dataDigest;

    KeyNegotiator(TargetLimits limits, boolean discovery) {
        this.limits = limits;
        this.discovery = discovery;
    }

    /** Answers every offered operational key; identity and CHAP keys are skipped. */
    Map<String, String> answer(Map<String, String> offered) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : offered.entrySet()) {
            String key = e.getKey();
            if (IDENTITY_KEYS.contains(key) || key.startsWith("CHAP_")) {
                continue;
            }
            String reply = discovery && NORMAL_ONLY.contains(key) ? IRRELEVANT : negotiate(key, e.getValue());
            if (reply != null) {
                answers.put(key, reply);
            }
        }
        return answers;
    }

    /** Our own declarative value; RFC 7143 13.12 lets each side declare it in any login response. */
    Map<String, String> declarations() {
        return Map.of("MaxRecvDataSegmentLength", Integer.toString(limits.maxRecvDataSegmentLength()));
    }

    SessionParams result() {
        // RFC 7143 13.14: FirstBurstLength must not exceed MaxBurstLength.
        return new SessionParams(initiatorMaxRecv, limits.maxRecvDataSegmentLength(), maxBurst, Math.min(firstBurst, maxBurst),
                initialR2T, immediateData, maxOutstandingR2T, time2Wait, time2Retain, headerDigest, dataDigest);
    }

    /** The answer for one key, or null for a declarative key that needs none. */
    private String negotiate(String key, String value) {
        return switch (key) {
            case "HeaderDigest" -> digest(value, true);
            case "DataDigest" -> digest(value, false);
            case "MaxConnections" -> numeric(value, 1, 65535, v -> 1);
            case "InitialR2T" -> bool(value, v -> initialR2T = v || limits.initialR2T());
            case "ImmediateData" -> bool(value, v -> immediateData = v && limits.immediateData());
            case "MaxRecvDataSegmentLength" -> {
                String r = numeric(value, 512, MAX_24, v -> initiatorMaxRecv = v);
                yield REJECT.equals(r) ? r : null;
            }
            case "MaxBurstLength" -> numeric(value, 512, MAX_24, v -> maxBurst = Math.min(v, limits.maxBurstLength()));
            case "FirstBurstLength" -> numeric(value, 512, MAX_24, v -> firstBurst = Math.min(v, limits.firstBurstLength()));
            case "DefaultTime2Wait" -> numeric(value, 0, 3600, v -> time2Wait = Math.max(v, 2));
            case "DefaultTime2Retain" -> numeric(value, 0, 3600, v -> time2Retain = Math.min(v, 20));
            case "MaxOutstandingR2T" -> numeric(value, 1, 65535,
                    v -> maxOutstandingR2T = Math.min(v, limits.maxOutstandingR2T()));
            // We deliver and expect data in order only: OR with our Yes is Yes (13.18, 13.19).
            case "DataPDUInOrder", "DataSequenceInOrder" -> bool(value, v -> true);
            case "ErrorRecoveryLevel" -> numeric(value, 0, 2, v -> 0);
            // Markers were removed by RFC 7143; answering No (AND) is what RFC 3720 targets did.
            case "IFMarker", "OFMarker" -> bool(value, v -> false);
            case "IFMarkInt", "OFMarkInt" -> IRRELEVANT;
            default -> NOT_UNDERSTOOD;
        };
    }

    private String digest(String offered, boolean header) {
        for (String choice : List.of(offered.split(","))) {
            String c = choice.trim();
            if (c.equalsIgnoreCase("CRC32C") || c.equalsIgnoreCase("None")) {
                boolean on = c.equalsIgnoreCase("CRC32C");
                if (header) {
                    headerDigest = on;
                } else {
                    dataDigest = on;
                }
                return on ? "CRC32C" : "None";
            }
        }
        return REJECT;
    }

    private interface IntRule {
        int apply(int offered);
    }

    private interface BoolRule {
        boolean apply(boolean offered);
    }

    private static String numeric(String value, int min, int max, IntRule rule) {
        long v;
        try {
            v = value.startsWith("0x") || value.startsWith("0X") ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return REJECT;
        }
        if (v < min || v > max || value.length() > 12) {
            return REJECT;
        }
        return Integer.toString(rule.apply((int) v));
    }

    private static String bool(String value, BoolRule rule) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.equals("yes") && !v.equals("no")) {
            return REJECT;
        }
        return rule.apply(v.equals("yes")) ? "Yes" : "No";
    }
}
