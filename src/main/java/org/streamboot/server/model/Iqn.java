package org.streamboot.server.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * iSCSI qualified names (RFC 3720 section 3.2.6.3.1): {@code iqn.YYYY-MM.reversed.domain[:unique]}.
 * Names compare case-insensitively, so they are stored lower-cased.
 */
public final class Iqn {

    /** The naming authority Streamboot uses for its own targets and generated initiator names. */
    public static final String PREFIX = "iqn.2026-11.org.streamboot";
    private static final Pattern IQN = Pattern.compile("iqn\\.\\d{4}-(0[1-9]|1[0-2])\\.[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[\\x21-\\x7e]+)?");
    /** RFC 3720 3.2.6.1: an iSCSI name is at most 223 bytes. */
    private static final int MAX_LENGTH = 223;

    private Iqn() {
    }

    public static String parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.length() > MAX_LENGTH || !IQN.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an iSCSI qualified name (expected e.g. "
                    + "iqn.1991-05.com.microsoft:pc17, at most 223 characters)");
        }
        return t;
    }

    /**
     * The initiator name Streamboot gives a client, derived from the name it had when it was
     * registered ({@code client.lab-pc-07}). It is the client's identity for its write cache, so
     * it is stored once and never follows a later rename.
     */
    public static String forClient(String clientName) {
        return PREFIX + ":client." + Names.clientName(clientName).toLowerCase(Locale.ROOT);
    }

    /**
     * The fallback when {@link #forClient(String)} is taken (a renamed client left its name free
     * but keeps the IQN): the name plus the last 6 hex digits of the MAC.
     */
    public static String forClient(String clientName, MacAddress mac) {
        String hex = mac.compact();
        return forClient(clientName) + "-" + hex.substring(hex.length() - 6);
    }

    /** The target name of a vDisk: one target per vDisk, LUN 0 is the disk. */
    public static String forVdisk(String vdiskName) {
        return PREFIX + ":vdisk." + vdiskName.toLowerCase(Locale.ROOT);
    }
}
