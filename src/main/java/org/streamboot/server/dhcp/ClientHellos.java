package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import org.streamboot.server.boot.ClientHello;
import org.streamboot.server.model.MacAddress;

/** Reads the boot-relevant facts out of a client's request (RFC 2132, RFC 4578, PXE spec 2.1). */
final class ClientHellos {

    private ClientHellos() {
    }

    static ClientHello from(DhcpPacket p, MacAddress mac, Inet4Address serverAddress) {
        DhcpOptions o = p.options();
        // RFC 4578 2.1: a list of 16-bit types; the first is the one the firmware runs.
        OptionalInt arch = o.u16(DhcpOption.CLIENT_ARCH);
        Optional<String> undi = o.bytes(DhcpOption.CLIENT_NDI)
                .filter(b -> b.length == 3 && b[0] == 1)
                .map(b -> (b[1] & 0xff) + "." + (b[2] & 0xff));
        // RFC 4578 2.3: type 0 followed by the 16-byte GUID.
        Optional<String> guid = o.bytes(DhcpOption.CLIENT_GUID)
                .filter(b -> b.length == 17 && b[0] == 0)
                .map(b -> HexFormat.of().formatHex(b, 1, 17));
        return new ClientHello(mac, arch, o.string(DhcpOption.VENDOR_CLASS).orElse(""), userClass(o),
                guid, undi, o.has(DhcpOption.IPXE_ENCAP), nonZero(p.ciaddr()), nonZero(p.giaddr()), serverAddress);
    }

    /**
     * iPXE sends option 77 as the plain string "iPXE"; RFC 3004 clients send length-prefixed
     * class names instead ({@code 04 'iPXE'}). Both read as "iPXE" here.
     */
    static String userClass(DhcpOptions o) {
        Optional<byte[]> raw = o.bytes(DhcpOption.USER_CLASS);
        if (raw.isEmpty()) {
            return "";
        }
        byte[] b = raw.get();
        if (b.length > 1 && (b[0] & 0xff) == b.length - 1 && b[0] < ' ') {
            return new String(b, 1, b.length - 1, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return o.string(DhcpOption.USER_CLASS).orElse("");
    }

    static Optional<Inet4Address> nonZero(Inet4Address a) {
        return a.isAnyLocalAddress() ? Optional.empty() : Optional.of(a);
    }
}
