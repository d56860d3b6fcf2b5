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
