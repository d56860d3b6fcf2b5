package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import org.streamboot.server.model.MacAddress;

/** Client requests built field by field, for tests that need many variations. */
final class TestPackets {

    static final String BIOS_VENDOR = "PXEClient:Arch:00000:UNDI:002001";

    private TestPackets() {
    }

    static Inet4Address ip(String dotted) {
        return AddressAllocator.parse(dotted);
    }

    static DhcpPacket request(MacAddress mac, int xid, DhcpOptions options) {
        return request(mac, xid, DhcpPacket.ZERO, DhcpPacket.ZERO, options);
    }

    static DhcpPacket request(MacAddress mac, int xid, Inet4Address ciaddr, Inet4Address giaddr, DhcpOptions options) {
        return new DhcpPacket(DhcpPacket.BOOTREQUEST, 1, 6, 0, xid, 0, 0, ciaddr, DhcpPacket.ZERO, DhcpPacket.ZERO,
                giaddr, mac.toBytes(), "", "", options);
    }

    static DhcpOptions.Builder type(DhcpMessageType t) {
        return DhcpOptions.builder().u8(DhcpOption.MESSAGE_TYPE, t.code());
    }

    static DhcpOptions.Builder biosPxe(DhcpMessageType t) {
        return type(t).put(DhcpOption.CLIENT_ARCH, new byte[] {0, 0}).put(DhcpOption.VENDOR_CLASS, BIOS_VENDOR);
    }

    static DhcpOptions.Builder ipxe(DhcpMessageType t) {
        return biosPxe(t).put(DhcpOption.USER_CLASS, "iPXE").put(DhcpOption.IPXE_ENCAP, new byte[] {(byte) 0xb1, 1, 1});
    }
}
