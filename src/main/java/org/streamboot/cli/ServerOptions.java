package org.streamboot.cli;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.streamboot.server.admin.AdminException;
import org.streamboot.server.config.DhcpNetwork;
import org.streamboot.server.dhcp.AddressRange;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.Ipv6Advertising;
import org.streamboot.server.config.Ports;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.config.Setting;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that say how the server runs; shared by {@code serve}, {@code --headless} and the console. */
public final class ServerOptions {

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address every service listens on (default: the network.bind setting, else all, 0.0.0.0)")
    InetAddress bind;

    @Option(names = "--dhcp", paramLabel = "MODE", description = "DHCP role: ${COMPLETION-CANDIDATES} (default: the"
            + " dhcp.mode setting, else proxy — never hands out addresses)")
    DhcpMode dhcp;

    @Option(names = "--dhcp-port", paramLabel = "N", description = "DHCP port (default: 67)")
    int dhcpPort = Ports.DEFAULTS.dhcp();

    @Option(names = "--pxe-port", paramLabel = "N", description = "PXE boot-server port used in proxy mode (default: 4011)")
    int pxePort = Ports.DEFAULTS.pxe();

    @Option(names = "--tftp-port", paramLabel = "N", description = "TFTP port (default: 69)")
    int tftpPort = Ports.DEFAULTS.tftp();

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port for boot scripts (default: the port.http setting, else 8080)")
    Integer httpPort;

    @Option(names = "--iscsi-port", paramLabel = "N", description = "iSCSI target port (default: the port.iscsi setting, else 3260)")
    Integer iscsiPort;

    @Option(names = "--nbd-port", paramLabel = "N", description = "NBD port (default: the port.nbd setting, else 10809)")
    Integer nbdPort;

    @Option(names = "--ipxe-dir", paramLabel = "DIR", description = "Directory with the iPXE binaries (default: the boot.ipxe-dir setting, else /usr/lib/ipxe or /usr/share/ipxe)")
    java.nio.file.Path ipxeDir;

    @Option(names = "--dhcp-range", paramLabel = "FIRST-LAST", description = "Addresses full DHCP may hand out, e.g. 10.0.0.100-10.0.0.199 (default: the dhcp.range setting)")
    String dhcpRange;

    @Option(names = "--dhcp-netmask", paramLabel = "MASK", description = "Subnet mask given in full mode (default: 255.255.255.0)")
    String dhcpNetmask;

    @Option(names = "--dhcp-router", paramLabel = "ADDR", description = "Default gateway given in full mode")
    String dhcpRouter;

    @Option(names = "--dhcp-dns", paramLabel = "ADDR", split = ",", description = "DNS servers given in full mode (comma-separated)")
    List<String> dhcpDns = List.of();

    @Option(names = "--server-address", paramLabel = "ADDR",
            description = "The address PCs reach this server at, when the machine has several networks")
    String serverAddress;

    @Option(names = "--ipv6-ra", paramLabel = "on|off",
            description = "Send minimal IPv6 router advertisements so iPXE skips its ~16 s IPv6 wait "
                    + "(default: auto — on with root or CAP_NET_RAW, off otherwise)")
    Ipv6Advertising ipv6Ra = Ipv6Advertising.AUTO;

    /** The configuration these options describe; bad values are refused with a plain message (exit 2). */
    public ServerConfig toConfig() {
        try {
            ServerConfig base = ServerConfig.defaults(dataDir.resolve());
            DhcpNetwork network = new DhcpNetwork(Optional.ofNullable(dhcpRange).map(AddressRange::parse),
                    dhcpNetmask == null ? DhcpNetwork.NONE.mask() : AddressRange.ipv4(dhcpNetmask),
                    Optional.ofNullable(dhcpRouter).map(AddressRange::ipv4), dhcpDns.stream().map(AddressRange::ipv4).toList(),
                    Optional.ofNullable(serverAddress).map(AddressRange::ipv4));
            // What the command line names wins over the settings stored in the database (NetworkSettings).
            Set<Setting> fixed = EnumSet.noneOf(Setting.class);
            if (bind != null) {
                fixed.add(Setting.NETWORK_BIND);
            }
            if (dhcp != null) {
                fixed.add(Setting.DHCP_MODE);
            }
            if (dhcpRange != null) {
                fixed.add(Setting.DHCP_RANGE);
            }
            if (httpPort != null) {
                fixed.add(Setting.HTTP_PORT);
            }
            if (iscsiPort != null) {
                fixed.add(Setting.ISCSI_PORT);
            }
            if (nbdPort != null) {
                fixed.add(Setting.NBD_PORT);
            }
            if (ipxeDir != null) {
                fixed.add(Setting.IPXE_DIR);
            }
            int http = httpPort != null ? httpPort : Ports.DEFAULTS.http();
            ServerConfig c = new ServerConfig(base.dataDir(), bind != null ? bind : base.bindAddress(),
                    dhcp != null ? dhcp : base.dhcpMode(), new Ports(dhcpPort, pxePort, tftpPort, http,
                            iscsiPort != null ? iscsiPort : Ports.DEFAULTS.iscsi(), nbdPort != null ? nbdPort : Ports.DEFAULTS.nbd()),
                    Optional.ofNullable(ipxeDir), network, ipv6Ra, fixed);
            if (dhcp != null) {
                c.network().settingsFor(dhcp, http == 0 ? Ports.DEFAULTS.http() : http); // full mode needs a range, etc.
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw new AdminException(e.getMessage());
        }
    }
}
