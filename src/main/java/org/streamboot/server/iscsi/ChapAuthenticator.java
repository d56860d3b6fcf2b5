package org.streamboot.server.iscsi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The target side of CHAP during the security stage (RFC 7143 12.1.3): the initiator offers
 * algorithms, we send CHAP_A=5 (MD5, the only one RFC 7143 requires), an identifier and a
 * challenge; the initiator answers with its name and MD5(identifier | secret | challenge), and
 * may challenge us back (mutual CHAP).
 */
final class ChapAuthenticator {

    enum State { AWAIT_ALGORITHM, AWAIT_RESPONSE, DONE, FAILED }

    /** What a step produced: keys for the response, or the reason authentication failed. */
    record Step(Map<String, String> answers, int failureStatus, String failure) {
        static Step ok(Map<String, String> answers) {
            return new Step(answers, 0, null);
        }

        static Step fail(int status, String why) {
            return new Step(Map.of(), status, why);
        }

        boolean failed() {
            return failure != null;
        }
    }

    static final int CHALLENGE_LENGTH = 16;
    /** RFC 7143 12.1.3 does not cap challenges; 1024 bytes bounds the work a peer can ask for. */
    static final int MAX_CHALLENGE = 1024;
    private static final String MD5 = "5";

    private final ChapCredentials credentials;
    private final RandomGenerator random;
    private State state = State.AWAIT_ALGORITHM;
    private int identifier;
    private byte[] challenge;

    ChapAuthenticator(ChapCredentials credentials, RandomGenerator random) {
        this.credentials = credentials;
        this.random = random;
    }

    State state() {
        return state;
    }

    Step step(Map<String, String> keys) {
        Step step = switch (state) {
            case AWAIT_ALGORITHM -> offerChallenge(keys);
            case AWAIT_RESPONSE -> verify(keys);
            case DONE, FAILED -> Step.fail(LoginStatus.INITIATOR_ERROR, "CHAP is already finished");
        };
        if (step.failed()) {
            state = State.FAILED;
        }
        return step;
    }

    private Step offerChallenge(Map<String, String> keys) {
        String algorithms = keys.get("CHAP_A");
        if (algorithms == null) {
            return Step.fail(LoginStatus.MISSING_PARAMETER, "CHAP_A missing");
        }
        if (!Arrays.asList(algorithms.split(",")).contains(MD5)) {
            return Step.fail(LoginStatus.AUTH_FAILURE, "CHAP_A=" + algorithms + " offers no MD5 (5)");
        }
        identifier = random.nextInt(256);
        challenge = new byte[CHALLENGE_LENGTH];
        random.nextBytes(challenge);
        state = State.AWAIT_RESPONSE;
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("CHAP_A", MD5);
        answers.put("CHAP_I", Integer.toString(identifier));
        answers.put("CHAP_C", "0x" + HexFormat.of().formatHex(challenge));
        return Step.ok(answers);
    }

    private Step verify(Map<String, String> keys) {
        String name = keys.get("CHAP_N");
        String response = keys.get("CHAP_R");
        if (name == null || response == null) {
            return Step.fail(LoginStatus.MISSING_PARAMETER, "CHAP_N or CHAP_R missing");
        }
        byte[] expected = md5(identifier, credentials.secret(), challenge);
        byte[] got = decodeBinary(response);
        if (!name.equals(credentials.user()) || got == null || !MessageDigest.isEqual(expected, got)) {
            return Step.fail(LoginStatus.AUTH_FAILURE, "CHAP response for user '" + name + "' is wrong");
        }
        String theirId = keys.get("CHAP_I");
        String theirChallenge = keys.get("CHAP_C");
        if (theirId == null && theirChallenge == null) {
            state = State.DONE;
            return Step.ok(Map.of());
        }
        return answerMutual(theirId, theirChallenge);
    }

    private Step answerMutual(String theirId, String theirChallenge) {
        if (!credentials.mutual()) {
            return Step.fail(LoginStatus.AUTH_FAILURE, "mutual CHAP asked for, but no target secret is set");
        }
        int id;
        try {
            id = theirId == null ? -1 : Integer.parseInt(theirId);
        } catch (NumberFormatException e) {
            id = -1;
        }
        byte[] c = theirChallenge == null ? null : decodeBinary(theirChallenge);
        if (id < 0 || id > 255 || c == null || c.length == 0 || c.length > MAX_CHALLENGE) {
            return Step.fail(LoginStatus.AUTH_FAILURE, "mutual CHAP_I/CHAP_C malformed");
        }
        if (Arrays.equals(c, challenge)) {
            // RFC 7143 12.1.3: a challenge equal to ours is a reflection attack.
            return Step.fail(LoginStatus.AUTH_FAILURE, "mutual CHAP challenge reflects ours");
        }
        state = State.DONE;
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("CHAP_N", credentials.targetUser());
        answers.put("CHAP_R", "0x" + HexFormat.of().formatHex(md5(id, credentials.targetSecret(), c)));
        return Step.ok(answers);
    }

    static byte[] md5(int identifier, String secret, byte[] challenge) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update((byte) identifier);
            md.update(secret.getBytes(StandardCharsets.UTF_8));
            md.update(challenge);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** Binary values are "0x" hex or "0b" base64 (RFC 7143 6.1); null when malformed or too long. */
    static byte[] decodeBinary(String value) {
        if (value.length() < 3 || value.length() > 2 + 2 * MAX_CHALLENGE) {
            return null;
        }
        String body = value.substring(2);
        try {
            if (value.startsWith("0x") || value.startsWith("0X")) {
                return HexFormat.of().parseHex(body.length() % 2 == 0 ? body : "0" + body);
            }
            if (value.startsWith("0b") || value.startsWith("0B")) {
                return Base64.getDecoder().decode(body);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
