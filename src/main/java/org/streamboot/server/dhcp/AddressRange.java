package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.util.Objects;

/** The addresses full mode may hand out, FIRST to LAST inclusive, as the admin named them. */
public record AddressRange(Inet4Address first, Inet4Address last) {

    public AddressRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (Integer.compareUnsigned(toInt(first), toInt(last)) > 0) {
            throw new IllegalArgumentException("range " + first.getHostAddress() + "-" + last.getHostAddress()
                    + " ends before it starts");
        }
        if (Integer.toUnsignedLong(toInt(last)) - Integer.toUnsignedLong(toInt(first)) + 1 > 65536) {
            throw new IllegalArgumentException("a DHCP range of more than 65536 addresses is surely a typo");
        }
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** "10.0.0.100-10.0.0.200", as the admin types it. */
    public static AddressRange parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not an address range (expected FIRST-LAST, e.g. 10.0.0.100-10.0.0.199)");
        }
        return new AddressRange(ipv4(parts[0]), ipv4(parts[1]));
    }

    /** A dotted-quad IPv4 address; never looks a name up. */
    public static Inet4Address ipv4(String text) {
        String t = text == null ? "" : text.trim();
        if (IPV4.matcher(t).matches()) {
            String[] octets = t.split("\\.");
            byte[] b = new byte[4];
            boolean ok = true;
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(octets[i]);
                ok &= v <= 255;
                b[i] = (byte) v;
            }
            if (ok) {
                return DhcpOptions.toInet(b, 0);
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
    }

    public long size() {
        return Integer.toUnsignedLong(toInt(last)) - Integer.toUnsignedLong(toInt(first)) + 1;
    }

    public boolean contains(Inet4Address a) {
        int v = toInt(a);
        return Integer.compareUnsigned(v, toInt(first)) >= 0 && Integer.compareUnsigned(v, toInt(last)) <= 0;
    }

    /** The i-th address of the range, 0-based. */
    public Inet4Address get(long i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(i);
        }
        return fromInt(toInt(first) + (int) i);
    }

    static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    static Inet4Address fromInt(int v) {
        return DhcpOptions.toInet(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v}, 0);
    }
}
