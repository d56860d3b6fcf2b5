package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.util.Optional;
import org.streamboot.server.boot.BootSpec;

/** Builds BOOTREPLY messages from a request (RFC 2131 4.3.1 table 3). */
final class Replies {

    /** The longest name the 128-byte file field holds with its terminating NUL. */
    private static final int FILE_FIELD = 127;

    private Replies() {
    }

    /**
     * @param options the options after 53 and 54, already in order
     */
    static DhcpPacket build(DhcpPacket req, DhcpMessageType type, Inet4Address ciaddr, Inet4Address yiaddr,
                            Inet4Address serverId, Optional<BootSpec> boot, DhcpOptions.Builder options, int flags) {
        DhcpOptions.Builder all = DhcpOptions.builder()
                .u8(DhcpOption.MESSAGE_TYPE, type.code())
                .ip(DhcpOption.SERVER_ID, serverId);
        options.build().raw().forEach(all::put);
        String file = "";
        Inet4Address siaddr = DhcpPacket.ZERO;
        if (boot.isPresent()) {
            BootSpec spec = boot.get();
            siaddr = spec.server();
            if (spec.bootFile().length() <= FILE_FIELD) {
                file = spec.bootFile();
            } else {
                // Long URLs go in option 67 (RFC 2132 9.5); iPXE and UEFI read it.
                all.put(DhcpOption.BOOTFILE_NAME, spec.bootFile());
            }
            if (spec.httpBoot()) {
                // UEFI 2.x 24.7.2: an HTTP boot client ignores offers without "HTTPClient" in option 60.
                all.put(DhcpOption.VENDOR_CLASS, "HTTPClient");
            }
        }
        req.options().bytes(DhcpOption.CLIENT_GUID).ifPresent(guid -> all.put(DhcpOption.CLIENT_GUID, guid));
        return new DhcpPacket(DhcpPacket.BOOTREPLY, req.htype(), req.hlen(), 0, req.xid(), 0, flags, ciaddr, yiaddr,
                siaddr, req.giaddr(), req.chaddr(), "", file, all.build());
    }
}
