package org.streamboot.server.iscsi;

/**
 * CHAP secrets for one initiator (RFC 7143 section 12.1.3, RFC 1994).
 *
 * @param user          the CHAP_N the initiator must present
 * @param secret        the secret the initiator proves it knows
 * @param targetUser    the CHAP_N this target presents in mutual CHAP; null when mutual CHAP is off
 * @param targetSecret  the secret this target proves it knows; null when mutual CHAP is off
 */
public record ChapCredentials(String user, String secret, String targetUser, String targetSecret) {

    public ChapCredentials {
        if (user == null || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("CHAP needs a user name and a non-empty secret");
        }
        if (targetSecret != null && targetSecret.equals(secret)) {
            // RFC 7143 12.1.3: the two directions must not share a secret (reflection attack).
            throw new IllegalArgumentException("the mutual CHAP secret must differ from the initiator's secret");
        }
    }

    public static ChapCredentials oneWay(String user, String secret) {
        return new ChapCredentials(user, secret, null, null);
    }

    public boolean mutual() {
        return targetSecret != null;
    }
}
