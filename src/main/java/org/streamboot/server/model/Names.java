package org.streamboot.server.model;

import java.util.regex.Pattern;

/**
 * Rules for the names an admin types. A client name becomes the PC's host name (DHCP option
 * 12, iBFT) so it follows RFC 1123 host-name label rules; group and vDisk names end up in
 * target IQNs and file names, so they stay within the same safe alphabet plus '_' and '.'.
 */
public final class Names {

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern OBJECT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private Names() {
    }

    /** RFC 1123 section 2.1: letters, digits and inner hyphens, at most 63 characters. */
    public static String clientName(String name) {
        if (name == null || !HOST_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid client name: use letters, digits and"
                    + " inner hyphens, at most 63 characters (it becomes the PC's host name)");
        }
        return name;
    }

    public static String objectName(String kind, String name) {
        if (name == null || !OBJECT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid " + kind + " name: start with a letter"
                    + " or digit, then letters, digits, '.', '_' or '-', at most 63 characters");
        }
        return name;
    }
}
