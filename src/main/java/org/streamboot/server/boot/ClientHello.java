package org.streamboot.server.boot;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.streamboot.server.model.MacAddress;

/**
 * What a booting client told us about itself in its DHCP request, plus where on the network
 * it was heard. The DHCP package builds it; the boot policy decides from it.
 *
 * @param mac           the client hardware address (chaddr)
 * @param architecture  option 93 client system architecture (RFC 4578 2.1), first value, if sent
 * @param vendorClass   option 60, e.g. {@code PXEClient:Arch:00000:UNDI:002001} or {@code HTTPClient:...}
 * @param userClass     option 77, e.g. {@code iPXE}; empty string when absent
 * @param guid          option 97 client machine identifier (RFC 4578 2.3) as hex, if sent
 * @param undiVersion   option 94 network interface identifier (RFC 4578 2.2) as "major.minor", if sent
 * @param ipxeOptions   whether option 175 (iPXE's encapsulated options) is present
 * @param clientIp      ciaddr when the client already has an address
 * @param relay         giaddr when the request came through a relay agent
 * @param serverAddress the address of this server as seen from the client's segment; what a
 *                      boot spec names as TFTP/HTTP server
 */
public record ClientHello(MacAddress mac, OptionalInt architecture, String vendorClass, String userClass,
                          Optional<String> guid, Optional<String> undiVersion, boolean ipxeOptions,
                          Optional<Inet4Address> clientIp, Optional<Inet4Address> relay, Inet4Address serverAddress) {

    public ClientHello {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(architecture, "architecture");
        vendorClass = vendorClass == null ? "" : vendorClass;
        userClass = userClass == null ? "" : userClass;
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(undiVersion, "undiVersion");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(serverAddress, "serverAddress");
    }

    /** PXE firmware names itself in option 60 (PXE spec 2.1, table 2-1). */
    public boolean pxeClient() {
        return vendorClass.startsWith("PXEClient");
    }

    /** UEFI HTTP boot clients send option 60 "HTTPClient" (UEFI 2.x, section 24.7.2). */
    public boolean httpClient() {
        return vendorClass.startsWith("HTTPClient");
    }
}
