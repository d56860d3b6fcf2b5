package org.streamboot.server.dhcp;

import static org.streamboot.server.dhcp.MalformedPacketException.Reason.BAD_HARDWARE_ADDRESS;
import static org.streamboot.server.dhcp.MalformedPacketException.Reason.BAD_MAGIC_COOKIE;
import static org.streamboot.server.dhcp.MalformedPacketException.Reason.BAD_OPTION_VALUE;
import static org.streamboot.server.dhcp.MalformedPacketException.Reason.BAD_OVERLOAD;
import static org.streamboot.server.dhcp.MalformedPacketException.Reason.OPTION_PAST_END;
import static org.streamboot.server.dhcp.MalformedPacketException.Reason.TOO_LONG;
import static org.streamboot.server.dhcp.MalformedPacketException.Reason.TOO_SHORT;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes DHCP messages: the 236-byte fixed header (RFC 2131 section 2), the magic
 * cookie 99.130.83.99 (RFC 2131 3), and options (RFC 2132 2) including option 52 overload of
 * file/sname (RFC 2132 9.3) and long options split over several instances (RFC 3396).
 * Decoding is strict: everything is length-checked before it is read, and anything that does
 * not add up is a {@link MalformedPacketException}, never a runtime exception.
 */
public final class DhcpCodec {

    public static final int FIXED_HEADER = 236;
    public static final int MAGIC_COOKIE = 0x63825363;
    /** Larger than any Ethernet frame even with jumbo frames; refused before anything is read. */
    public static final int MAX_PACKET = 9000;
    /** RFC 1542 2.1: some relays and old clients drop BOOTP messages shorter than 300 bytes. */
    static final int MIN_REPLY = 300;

    private static final int SNAME_OFFSET = 44;
    private static final int FILE_OFFSET = 108;
    private static final int OPTIONS_OFFSET = 240;

    private DhcpCodec() {
    }

    public static DhcpPacket decode(byte[] data) throws MalformedPacketException {
        return decode(ByteBuffer.wrap(data));
    }

    /** Decodes from the buffer's position to its limit. */
    public static DhcpPacket decode(ByteBuffer in) throws MalformedPacketException {
        ByteBuffer b = in.slice();
        int len = b.remaining();
        if (len < OPTIONS_OFFSET) {
            throw new MalformedPacketException(TOO_SHORT, "DHCP message of " + len + " bytes; at least 240 needed");
        }
        if (len > MAX_PACKET) {
            throw new MalformedPacketException(TOO_LONG, "DHCP message of " + len + " bytes");
        }
        int op = b.get(0) & 0xff;
        int htype = b.get(1) & 0xff;
        int hlen = b.get(2) & 0xff;
        if (hlen > 16) {
            throw new MalformedPacketException(BAD_HARDWARE_ADDRESS, "hlen " + hlen + " exceeds the 16-byte chaddr field");
        }
        if (b.getInt(FIXED_HEADER) != MAGIC_COOKIE) {
            throw new MalformedPacketException(BAD_MAGIC_COOKIE, "no DHCP magic cookie (plain BOOTP or garbage)");
        }
        byte[] chaddr = new byte[16];
        b.get(28, chaddr);

        Map<Integer, ByteArrayOutputStream> collected = new LinkedHashMap<>();
        readOptions(b, OPTIONS_OFFSET, len, collected, true);
        int overload = overload(collected);
        // RFC 3396 5: the options field, then file, then sname, concatenated in that order.
        if ((overload & 1) != 0) {
            readOptions(b, FILE_OFFSET, FILE_OFFSET + 128, collected, false);
        }
        if ((overload & 2) != 0) {
            readOptions(b, SNAME_OFFSET, SNAME_OFFSET + 64, collected, false);
        }
        DhcpOptions.Builder options = DhcpOptions.builder();
        collected.forEach((code, value) -> options.put(code, value.toByteArray()));
        DhcpOptions built = options.build();
        if (built.has(DhcpOption.MESSAGE_TYPE) && built.u8(DhcpOption.MESSAGE_TYPE).isEmpty()) {
            throw new MalformedPacketException(BAD_OPTION_VALUE, "option 53 must be one byte");
        }
        return new DhcpPacket(op, htype, hlen, b.get(3) & 0xff, b.getInt(4), b.getShort(8) & 0xffff,
                b.getShort(10) & 0xffff, ip(b, 12), ip(b, 16), ip(b, 20), ip(b, 24), chaddr,
                (overload & 2) != 0 ? "" : cString(b, SNAME_OFFSET, 64),
                (overload & 1) != 0 ? "" : cString(b, FILE_OFFSET, 128), built);
    }

    private static void readOptions(ByteBuffer b, int from, int to, Map<Integer, ByteArrayOutputStream> out,
                                     boolean mainField) throws MalformedPacketException {
        int i = from;
        while (i < to) {
            int code = b.get(i) & 0xff;
            if (code == DhcpOption.END) {
                return;
            }
            if (code == DhcpOption.PAD) {
                i++;
                continue;
            }
            if (i + 1 >= to) {
                throw new MalformedPacketException(OPTION_PAST_END, "option " + code + " has no length byte");
            }
            int optLen = b.get(i + 1) & 0xff;
            if (i + 2 + optLen > to) {
                throw new MalformedPacketException(OPTION_PAST_END,
                        "option " + code + " of " + optLen + " bytes runs past the end of its field");
            }
            if (code == DhcpOption.OVERLOAD && !mainField) {
                // RFC 2132 9.3: option 52 lives only in the options field; inside file/sname it
                // would make those fields overload themselves.
                throw new MalformedPacketException(BAD_OVERLOAD, "option 52 inside an overloaded field");
            }
            ByteArrayOutputStream value = out.computeIfAbsent(code, c -> new ByteArrayOutputStream());
            for (int k = 0; k < optLen; k++) {
                value.write(b.get(i + 2 + k));
            }
            i += 2 + optLen;
        }
        // Running into the end of a field without an END option is tolerated: several ROMs
        // fill the field exactly and RFC 2131 4.1 asks servers to be liberal in what they accept.
    }

    private static int overload(Map<Integer, ByteArrayOutputStream> collected) throws MalformedPacketException {
        ByteArrayOutputStream o = collected.remove(DhcpOption.OVERLOAD);
        if (o == null) {
            return 0;
        }
        byte[] v = o.toByteArray();
        if (v.length != 1 || v[0] < 1 || v[0] > 3) {
            throw new MalformedPacketException(BAD_OVERLOAD, "option 52 must be one byte 1-3 and appear once");
        }
        return v[0];
    }

    private static java.net.Inet4Address ip(ByteBuffer b, int at) {
        byte[] four = new byte[4];
        b.get(at, four);
        return DhcpOptions.toInet(four, 0);
    }

    private static String cString(ByteBuffer b, int at, int max) {
        int n = 0;
        while (n < max && b.get(at + n) != 0) {
            n++;
        }
        byte[] s = new byte[n];
        b.get(at, s);
        // A field filled to the brim has no NUL; the record keeps at most max-1 characters.
        return new String(s, 0, Math.min(n, max - 1), StandardCharsets.ISO_8859_1);
    }

    /** Encodes with options in the options field only, values over 255 bytes split (RFC 3396). */
    public static byte[] encode(DhcpPacket p) {
        ByteArrayOutputStream opts = new ByteArrayOutputStream();
        for (Map.Entry<Integer, byte[]> e : p.options().raw().entrySet()) {
            byte[] v = e.getValue();
            int off = 0;
            do {
                int chunk = Math.min(255, v.length - off);
                opts.write(e.getKey());
                opts.write(chunk);
                opts.write(v, off, chunk);
                off += chunk;
            } while (off < v.length);
        }
        opts.write(DhcpOption.END);
        int total = Math.max(MIN_REPLY, OPTIONS_OFFSET + opts.size());
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) p.op()).put((byte) p.htype()).put((byte) p.hlen()).put((byte) p.hops());
        b.putInt(p.xid()).putShort((short) p.secs()).putShort((short) p.flags());
        b.put(p.ciaddr().getAddress()).put(p.yiaddr().getAddress()).put(p.siaddr().getAddress())
                .put(p.giaddr().getAddress());
        b.put(p.chaddr());
        b.put(SNAME_OFFSET, p.sname().getBytes(StandardCharsets.ISO_8859_1));
        b.put(FILE_OFFSET, p.file().getBytes(StandardCharsets.ISO_8859_1));
        b.putInt(FIXED_HEADER, MAGIC_COOKIE);
        b.put(OPTIONS_OFFSET, opts.toByteArray());
        return b.array();
    }
}
