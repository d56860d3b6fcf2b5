package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.streamboot.server.model.MacAddress;

/**
 * One BOOTP/DHCP message: the fixed header of RFC 2131 section 2 (figure 1) and its options.
 * When option 52 overloaded sname/file, those fields are empty here and their options are in
 * {@link #options()}.
 *
 * @param op     1 BOOTREQUEST, 2 BOOTREPLY
 * @param flags  bit 15 is the broadcast flag (RFC 2131 2, figure 2)
 * @param chaddr client hardware address, {@code hlen} bytes significant, at most 16
 */
public record DhcpPacket(int op, int htype, int hlen, int hops, int xid, int secs, int flags,
                         Inet4Address ciaddr, Inet4Address yiaddr, Inet4Address siaddr, Inet4Address giaddr,
                         byte[] chaddr, String sname, String file, DhcpOptions options) {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int HTYPE_ETHERNET = 1;
    public static final int FLAG_BROADCAST = 0x8000;
    public static final Inet4Address ZERO = DhcpOptions.toInet(new byte[4], 0);

    public DhcpPacket {
        Objects.requireNonNull(ciaddr, "ciaddr");
        Objects.requireNonNull(yiaddr, "yiaddr");
        Objects.requireNonNull(siaddr, "siaddr");
        Objects.requireNonNull(giaddr, "giaddr");
        Objects.requireNonNull(options, "options");
        sname = sname == null ? "" : sname;
        file = file == null ? "" : file;
        if (chaddr.length != 16) {
            chaddr = Arrays.copyOf(chaddr, 16);
        } else {
            chaddr = chaddr.clone();
        }
        if (hlen < 0 || hlen > 16) {
            throw new IllegalArgumentException("hlen " + hlen + " is not 0-16");
        }
        if (sname.length() > 63 || file.length() > 127) {
            throw new IllegalArgumentException("sname/file too long for the fixed header");
        }
    }

    @Override
    public byte[] chaddr() {
        return chaddr.clone();
    }

    public boolean broadcastFlag() {
        return (flags & FLAG_BROADCAST) != 0;
    }

    public Optional<DhcpMessageType> messageType() {
        return options.messageType();
    }

    /** The client's Ethernet address, if this is an Ethernet client with a usable one. */
    public Optional<MacAddress> mac() {
        if (htype != HTYPE_ETHERNET || hlen != 6) {
            return Optional.empty();
        }
        byte[] six = Arrays.copyOf(chaddr, 6);
        if ((six[0] & 1) != 0 || Arrays.equals(six, new byte[6])) {
            return Optional.empty();
        }
        return Optional.of(MacAddress.fromBytes(six));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpPacket p && op == p.op && htype == p.htype && hlen == p.hlen && hops == p.hops
                && xid == p.xid && secs == p.secs && flags == p.flags && ciaddr.equals(p.ciaddr)
                && yiaddr.equals(p.yiaddr) && siaddr.equals(p.siaddr) && giaddr.equals(p.giaddr)
                && Arrays.equals(chaddr, p.chaddr) && sname.equals(p.sname) && file.equals(p.file)
                && options.equals(p.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, xid, Arrays.hashCode(chaddr), options);
    }

    @Override
    public String toString() {
        return "DhcpPacket[op=" + op + ", xid=" + Integer.toHexString(xid) + ", flags=" + Integer.toHexString(flags)
                + ", ciaddr=" + ciaddr.getHostAddress() + ", yiaddr=" + yiaddr.getHostAddress()
                + ", siaddr=" + siaddr.getHostAddress() + ", giaddr=" + giaddr.getHostAddress()
                + ", chaddr=" + HexFormat.of().formatHex(chaddr, 0, hlen) + ", sname=" + sname + ", file=" + file
                + ", options=" + options + "]";
    }
}
