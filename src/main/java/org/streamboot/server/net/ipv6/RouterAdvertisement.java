package org.streamboot.server.net.ipv6;

/**
 * An ICMPv6 Router Advertisement without options (RFC 4861 section 4.2): the fixed 16 bytes.
 * The checksum is left zero because the kernel computes it for raw ICMPv6 sockets (RFC 3542
 * section 3.1), and options are never sent: this server offers no prefix, MTU or router.
 *
 * @param curHopLimit    0 = unspecified
 * @param managed        M flag: addresses from DHCPv6
 * @param other          O flag: other configuration from DHCPv6
 * @param routerLifetime seconds; 0 = "I am not a default router"
 * @param reachableTime  milliseconds; 0 = unspecified
 * @param retransTimer   milliseconds; 0 = unspecified
 */
public record RouterAdvertisement(int curHopLimit, boolean managed, boolean other, int routerLifetime,
                                  long reachableTime, long retransTimer) {

    public static final int TYPE = 134;
    public static final int LENGTH = 16;

    public RouterAdvertisement {
        if (curHopLimit < 0 || curHopLimit > 0xff || routerLifetime < 0 || routerLifetime > 0xffff
                || reachableTime < 0 || reachableTime > 0xffffffffL || retransTimer < 0 || retransTimer > 0xffffffffL) {
            throw new IllegalArgumentException("router advertisement field out of range");
        }
    }

    /**
     * The one this server sends. Why it is all zeros (notes, bite 1): iPXE's {@code ifconf}
     * waits ~16 s for IPv6 autoconfiguration unless an RA arrives; any RA ends the wait, and
     * one with M=O=0, lifetime 0 and no prefix ends it without changing anything else on the
     * segment (no default route, no addresses). M or O would make iPXE wait for DHCPv6 instead.
     */
    public static RouterAdvertisement minimal() {
        return new RouterAdvertisement(0, false, false, 0, 0, 0);
    }

    public byte[] encode() {
        byte[] b = new byte[LENGTH];
        b[0] = (byte) TYPE;
        b[4] = (byte) curHopLimit;
        b[5] = (byte) ((managed ? 0x80 : 0) | (other ? 0x40 : 0));
        b[6] = (byte) (routerLifetime >>> 8);
        b[7] = (byte) routerLifetime;
        putInt(b, 8, reachableTime);
        putInt(b, 12, retransTimer);
        return b;
    }

    /**
     * Reads the fixed part of an RA (options, if any, are skipped).
     *
     * @throws NdpFormatException when the bytes are not an RA (RFC 4861 section 6.1.2 checks
     *                            that do not need the IP header: type, code 0, length >= 16)
     */
    public static RouterAdvertisement decode(byte[] message) throws NdpFormatException {
        if (message == null || message.length < LENGTH) {
            throw new NdpFormatException("a router advertisement has at least " + LENGTH + " bytes");
        }
        if (Byte.toUnsignedInt(message[0]) != TYPE || message[1] != 0) {
            throw new NdpFormatException("not a router advertisement: type " + Byte.toUnsignedInt(message[0])
                    + " code " + Byte.toUnsignedInt(message[1]));
        }
        return new RouterAdvertisement(Byte.toUnsignedInt(message[4]), (message[5] & 0x80) != 0, (message[5] & 0x40) != 0,
                (Byte.toUnsignedInt(message[6]) << 8) | Byte.toUnsignedInt(message[7]), getInt(message, 8), getInt(message, 12));
    }

    /**
     * True for a Router Solicitation that passes the checks RFC 4861 section 6.1.1 allows
     * without the IP header: type 133, code 0, at least 8 bytes, whole 8-byte options none of
     * length 0.
     */
    public static boolean isRouterSolicitation(byte[] message) {
        if (message == null || message.length < 8 || Byte.toUnsignedInt(message[0]) != 133 || message[1] != 0) {
            return false;
        }
        int at = 8;
        while (at < message.length) {
            if (at + 2 > message.length) {
                return false;
            }
            int units = Byte.toUnsignedInt(message[at + 1]);
            if (units == 0 || at + units * 8 > message.length) {
                return false;
            }
            at += units * 8;
        }
        return true;
    }

    private static void putInt(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static long getInt(byte[] b, int at) {
        return ((long) Byte.toUnsignedInt(b[at]) << 24) | (Byte.toUnsignedInt(b[at + 1]) << 16)
                | (Byte.toUnsignedInt(b[at + 2]) << 8) | Byte.toUnsignedInt(b[at + 3]);
    }
}
