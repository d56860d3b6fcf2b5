package org.streamboot.server.boot;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.dhcp.DhcpEventListener;
import org.streamboot.server.dhcp.MalformedPacketException;
import org.streamboot.server.live.ClientAddresses;
import org.streamboot.server.live.LiveHub;
import org.streamboot.server.model.BootEvent.Severity;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.Firmware;
import org.streamboot.server.model.MacAddress;

/**
 * Turns what the DHCP service reports into boot events in plain words, and remembers each
 * client's firmware and address in the database (asynchronously: this runs on DHCP's executor).
 */
public final class DhcpBootEvents implements DhcpEventListener {

    private final LiveHub live;
    private final AdminService admin;
    private final ClientAddresses addresses;
    private final Set<Inet4Address> foreignServers = ConcurrentHashMap.newKeySet();

    public DhcpBootEvents(LiveHub live, AdminService admin, ClientAddresses addresses) {
        this.live = live;
        this.admin = admin;
        this.addresses = addresses;
    }

    @Override
    public void clientSeen(MacAddress mac, Firmware firmware, ClientHello hello) {
        hello.clientIp().ifPresent(ip -> addresses.learn(ip, mac));
        live.emit(mac, BootStage.DHCP, Severity.INFO, "asked for a boot server (" + describe(firmware) + ")");
        admin.noteSeen(mac, firmware, null);
    }

    @Override
    public void offerSent(MacAddress mac, Inet4Address address, Optional<BootSpec> boot) {
        live.emit(mac, BootStage.DHCP, Severity.INFO, "offered " + what(address, boot));
    }

    @Override
    public void ackSent(MacAddress mac, Inet4Address address, Optional<BootSpec> boot) {
        boolean hasAddress = !address.isAnyLocalAddress();
        // Still the DHCP stage: the download stage begins when the file is asked for (TFTP or HTTP),
        // and iPXE's own DHCP, whose answer names its script, must not look like a step back.
        live.emit(mac, BootStage.DHCP, Severity.INFO, "acknowledged " + what(address, boot));
        if (hasAddress) {
            addresses.learn(address, mac);
            admin.noteSeen(mac, null, address.getHostAddress());
        }
    }

    @Override
    public void nakSent(MacAddress mac, String why) {
        live.emit(mac, BootStage.DHCP, Severity.WARNING, "address refused (DHCPNAK): " + why);
    }

    @Override
    public void malformedPacket(InetSocketAddress from, MalformedPacketException problem) {
        live.emit(null, BootStage.DHCP, Severity.WARNING, "ignored a malformed DHCP packet from " + from.getAddress().getHostAddress()
                + ": " + problem.getMessage());
    }

    @Override
    public void foreignServerSeen(Inet4Address server) {
        if (foreignServers.add(server)) {
            live.emit(null, BootStage.DHCP, Severity.WARNING, "another DHCP server answers on this network: "
                    + server.getHostAddress() + " (fine in proxy mode; in full mode turn one of them off)");
        }
    }

    private static String what(Inet4Address address, Optional<BootSpec> boot) {
        String addr = address.isAnyLocalAddress() ? "boot information only (proxyDHCP)" : "address " + address.getHostAddress();
        return boot.map(b -> addr + ", boot file " + b.bootFile()).orElse(addr);
    }

    private static String describe(Firmware f) {
        return switch (f) {
            case BIOS -> "BIOS PXE firmware";
            case UEFI -> "UEFI PXE firmware";
            case UEFI_HTTP -> "UEFI HTTP boot";
            case IPXE -> "iPXE";
            case UNKNOWN -> "not a PXE client";
        };
    }
}
