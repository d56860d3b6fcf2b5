package org.streamboot.server.model;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A NIC's Ethernet address, always kept in the canonical lower-case colon form
 * ({@code 52:54:00:12:34:56}) so that the database, DHCP and the iPXE script URL
 * ({@code ${mac}} expands to that form) agree on one spelling.
 */
public record MacAddress(String value) implements Comparable<MacAddress> {

    private static final Pattern SEPARATED = Pattern.compile("[0-9a-f]{2}([:-])[0-9a-f]{2}(\\1[0-9a-f]{2}){4}");
    private static final Pattern BARE = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern CISCO = Pattern.compile("[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}");

    public MacAddress {
        if (value == null || !value.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            throw new IllegalArgumentException("not a canonical MAC address: " + value);
        }
    }

    /**
     * Accepts {@code 52:54:00:12:34:56}, {@code 52-54-00-12-34-56}, {@code 525400123456} and
     * {@code 5254.0012.3456}, any case. Refuses group (multicast/broadcast) and all-zero
     * addresses: no NIC boots with those, so they are always a typing mistake.
     */
    public static MacAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("MAC address is missing");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        String hex;
        if (SEPARATED.matcher(t).matches()) {
            hex = t.replace(":", "").replace("-", "");
        } else if (BARE.matcher(t).matches()) {
            hex = t;
        } else if (CISCO.matcher(t).matches()) {
            hex = t.replace(".", "");
        } else {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address (expected six hex pairs, e.g. 52:54:00:12:34:56)");
        }
        byte[] bytes = HexFormat.of().parseHex(hex);
        if ((bytes[0] & 1) != 0) {
            throw new IllegalArgumentException("'" + text + "' is a multicast/broadcast address, not a network card's address");
        }
        if (hex.equals("000000000000")) {
            throw new IllegalArgumentException("'" + text + "' is the all-zero address, not a network card's address");
        }
        return fromBytes(bytes);
    }

    public static MacAddress fromBytes(byte[] sixBytes) {
        if (sixBytes.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, got " + sixBytes.length);
        }
        return new MacAddress(HexFormat.ofDelimiter(":").formatHex(sixBytes));
    }

    public byte[] toBytes() {
        return HexFormat.ofDelimiter(":").parseHex(value);
    }

    /** The 12 hex digits without separators, used where ':' is not allowed (IQNs, file names). */
    public String compact() {
        return value.replace(":", "");
    }

    @Override
    public int compareTo(MacAddress o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
