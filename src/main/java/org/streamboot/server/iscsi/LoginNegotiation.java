package org.streamboot.server.iscsi;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;
import org.streamboot.server.iscsi.Pdu.LoginRequest;
import org.streamboot.server.iscsi.Pdu.LoginResponse;

/**
 * The login phase of one connection (RFC 7143 sections 6.3 and 13): security stage (AuthMethod
 * None or CHAP), operational stage (key negotiation), then the transit to full feature phase
 * with a fresh TSIH. No I/O, but {@link TargetDirectory} calls may block: run it off the event
 * loop.
 */
final class LoginNegotiation {

    enum State { START, SECURITY, OPERATIONAL, FULL_FEATURE, FAILED }

    /** A response to send; {@code complete} when the session entered full feature phase. */
    record Result(LoginResponse response, boolean complete, String failure) {
        boolean failed() {
            return failure != null;
        }
    }

    static final int SECURITY = 0, OPERATIONAL = 1, FULL_FEATURE = 3;
    /** Bounds a login text spread over several PDUs with the C bit (RFC 7143 6.1 / 11.12.2). */
    static final int MAX_LOGIN_TEXT = 64 * 1024;

    private final TargetDirectory directory;
    private final TargetLimits limits;
    private final IntSupplier tsihAllocator;
    private final RandomGenerator random;
    private State state = State.START;
    private int statSn;
    private int lastCmdSn;
    private long isid;
    private int tsih;
    private String initiatorName;
    private String targetName;
    private boolean discovery;
    private TargetDirectory.Granted granted;
    private Optional<ChapCredentials> chap = Optional.empty();
    private ChapAuthenticator authenticator;
    private boolean authMethodChosen;
    private boolean declared;
    private KeyNegotiator negotiator;
    private final ByteArrayOutputStream pendingText = new ByteArrayOutputStream();

    LoginNegotiation(TargetDirectory directory, TargetLimits limits, IntSupplier tsihAllocator, int initialStatSn,
                     RandomGenerator random) {
        this.directory = directory;
        this.limits = limits;
        this.tsihAllocator = tsihAllocator;
        this.statSn = initialStatSn;
        this.random = random;
    }

    Result onRequest(LoginRequest req) {
        lastCmdSn = req.cmdSn();
        if (state == State.FULL_FEATURE || state == State.FAILED) {
            return fail(req, LoginStatus.INVALID_DURING_LOGIN, "login request after the login phase ended");
        }
        if (state == State.START) {
            isid = req.isid();
            if (req.versionMin() > 0) {
                return fail(req, LoginStatus.UNSUPPORTED_VERSION, "initiator needs iSCSI version " + req.versionMin());
            }
            if (req.tsih() != 0) {
                // MaxConnections=1: there is no session to add a connection to (RFC 7143 6.3.1).
                return fail(req, LoginStatus.SESSION_DOES_NOT_EXIST, "TSIH " + req.tsih() + " does not exist here");
            }
        }
        if (req.cont()) {
            if (req.transit() || pendingText.size() + req.data().length > MAX_LOGIN_TEXT) {
                return fail(req, LoginStatus.INITIATOR_ERROR, "bad continued login text");
            }
            pendingText.writeBytes(req.data());
            // RFC 7143 6.1: a continued text is acknowledged with an empty response.
            return new Result(response(req, false, req.csg(), 0, Map.of()), false, null);
        }
        pendingText.writeBytes(req.data());
        byte[] text = pendingText.toByteArray();
        pendingText.reset();
        Map<String, String> keys;
        try {
            keys = TextKeys.parse(text);
        } catch (IllegalArgumentException e) {
            return fail(req, LoginStatus.INITIATOR_ERROR, e.getMessage());
        }
        if (req.csg() != SECURITY && req.csg() != OPERATIONAL
                || req.transit() && (req.nsg() == 2 || req.nsg() <= req.csg())
                || state == State.OPERATIONAL && req.csg() == SECURITY) {
            return fail(req, LoginStatus.INITIATOR_ERROR, "invalid stage transition " + req.csg() + "->" + req.nsg());
        }
        Map<String, String> answers = new LinkedHashMap<>();
        if (state == State.START) {
            String problem = identify(keys, answers);
            if (problem != null) {
                return fail(req, statusOf(problem), problem.substring(5));
            }
            state = req.csg() == SECURITY ? State.SECURITY : State.OPERATIONAL;
            negotiator = new KeyNegotiator(limits, discovery);
        }
        if (req.csg() == OPERATIONAL && chap.isPresent() && (authenticator == null
                || authenticator.state() != ChapAuthenticator.State.DONE)) {
            return fail(req, LoginStatus.AUTH_FAILURE, "initiator " + initiatorName + " must authenticate with CHAP");
        }
        if (req.csg() == SECURITY) {
            String problem = security(keys, answers);
            if (problem != null) {
                return fail(req, statusOf(problem), problem.substring(5));
            }
        }
        answers.putAll(negotiator.answer(keys));
        boolean transit = req.transit() && mayLeaveStage(req.csg());
        if (!declared && (req.csg() == OPERATIONAL || transit && req.nsg() == FULL_FEATURE)) {
            answers.putAll(negotiator.declarations());
            declared = true;
        }
        if (!transit) {
            return new Result(response(req, false, req.csg(), 0, answers), false, null);
        }
        if (req.nsg() == OPERATIONAL) {
            state = State.OPERATIONAL;
            return new Result(response(req, true, req.csg(), OPERATIONAL, answers), false, null);
        }
        state = State.FULL_FEATURE;
        tsih = tsihAllocator.getAsInt();
        return new Result(response(req, true, req.csg(), FULL_FEATURE, answers), true, null);
    }

    /** Reads who logs in to what; returns "SSSS:reason" (status in hex) when the login must fail. */
    private String identify(Map<String, String> keys, Map<String, String> answers) {
        initiatorName = keys.get("InitiatorName");
        if (initiatorName == null || initiatorName.isBlank()) {
            return "0207:InitiatorName missing";
        }
        String type = keys.getOrDefault("SessionType", "Normal");
        if (!type.equals("Normal") && !type.equals("Discovery")) {
            return "0200:unknown SessionType " + type;
        }
        discovery = type.equals("Discovery");
        chap = directory.chapCredentials(initiatorName);
        if (discovery) {
            return null;
        }
        targetName = keys.get("TargetName");
        if (targetName == null || targetName.isBlank()) {
            return "0207:TargetName missing in a normal session";
        }
        TargetDirectory.Outcome outcome = directory.open(initiatorName, targetName);
        if (outcome instanceof TargetDirectory.Refused refused) {
            String code = refused.reason() == TargetDirectory.Reason.UNKNOWN_TARGET ? "0203" : "0202";
            return code + ":" + refused.explanation();
        }
        granted = (TargetDirectory.Granted) outcome;
        // RFC 7143 13.9: the first login response of a normal session carries the portal group tag.
        answers.put("TargetPortalGroupTag", "1");
        return null;
    }

    private String security(Map<String, String> keys, Map<String, String> answers) {
        String offered = keys.get("AuthMethod");
        if (offered != null) {
            List<String> methods = List.of(offered.split(","));
            String chosen = chap.isPresent() ? (methods.contains("CHAP") ? "CHAP" : null)
                    : (methods.contains("None") ? "None" : null);
            if (chosen == null) {
                return "0201:AuthMethod=" + offered + " is not acceptable for " + initiatorName;
            }
            answers.put("AuthMethod", chosen);
            authMethodChosen = true;
            if (chosen.equals("CHAP")) {
                authenticator = new ChapAuthenticator(chap.orElseThrow(), random);
            }
            return null;
        }
        if (keys.keySet().stream().anyMatch(k -> k.startsWith("CHAP_"))) {
            if (authenticator == null) {
                return "0200:CHAP keys without AuthMethod=CHAP";
            }
            ChapAuthenticator.Step step = authenticator.step(keys);
            if (step.failed()) {
                return String.format("%04x:%s", step.failureStatus(), step.failure());
            }
            answers.putAll(step.answers());
        }
        return null;
    }

    private boolean mayLeaveStage(int csg) {
        if (csg != SECURITY) {
            return true;
        }
        if (chap.isPresent()) {
            return authenticator != null && authenticator.state() == ChapAuthenticator.State.DONE;
        }
        return authMethodChosen || authenticator == null;
    }

    private static int statusOf(String problem) {
        return Integer.parseInt(problem.substring(0, 4), 16);
    }

    private Result fail(LoginRequest req, int status, String why) {
        state = State.FAILED;
        String who = initiatorName == null ? "unnamed initiator" : initiatorName;
        LoginResponse r = new LoginResponse(false, false, req.csg(), 0, 0, 0, req.isid(), 0, req.itt(), statSn++,
                req.cmdSn(), req.cmdSn() + limits.commandWindow() - 1, status >> 8, status & 0xff, Pdu.EMPTY);
        return new Result(r, false, who + ": " + why);
    }

    private LoginResponse response(LoginRequest req, boolean transit, int csg, int nsg, Map<String, String> answers) {
        return new LoginResponse(transit, false, csg, nsg, 0, 0, isid, transit && nsg == FULL_FEATURE ? tsih : 0,
                req.itt(), statSn++, req.cmdSn(), req.cmdSn() + limits.commandWindow() - 1, 0, 0, TextKeys.format(answers));
    }

    State state() {
        return state;
    }

    boolean discovery() {
        return discovery;
    }

    String initiatorName() {
        return initiatorName;
    }

    String targetName() {
        return targetName;
    }

    long isid() {
        return isid;
    }

    int tsih() {
        return tsih;
    }

    /** Login requests are immediate: the first full-feature command reuses their CmdSN (RFC 7143 11.12.6). */
    int firstCmdSn() {
        return lastCmdSn;
    }

    int nextStatSn() {
        return statSn;
    }

    /** The target opened for this initiator; null for discovery sessions and before identification. */
    TargetDirectory.Granted granted() {
        return granted;
    }

    SessionParams params() {
        return negotiator == null ? SessionParams.defaults(limits.maxRecvDataSegmentLength()) : negotiator.result();
    }
}
