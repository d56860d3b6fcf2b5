package org.streamboot.cli;

import java.net.InetAddress;
import java.util.Optional;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.Ports;
import org.streamboot.server.config.ServerConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that say how the server runs; shared by {@code serve}, {@code --headless} and the console. */
public final class ServerOptions {

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address every service listens on (default: all, 0.0.0.0)")
    InetAddress bind;

    @Option(names = "--dhcp", paramLabel = "MODE", description = "DHCP role: ${COMPLETION-CANDIDATES} (default: proxy — never hands out addresses)")
    DhcpMode dhcp = DhcpMode.PROXY;

    @Option(names = "--dhcp-port", paramLabel = "N", description = "DHCP port (default: 67)")
    int dhcpPort = Ports.DEFAULTS.dhcp();

    @Option(names = "--pxe-port", paramLabel = "N", description = "PXE boot-server port used in proxy mode (default: 4011)")
    int pxePort = Ports.DEFAULTS.pxe();

    @Option(names = "--tftp-port", paramLabel = "N", description = "TFTP port (default: 69)")
    int tftpPort = Ports.DEFAULTS.tftp();

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port for boot scripts (default: 8080)")
    int httpPort = Ports.DEFAULTS.http();

    @Option(names = "--iscsi-port", paramLabel = "N", description = "iSCSI target port (default: 3260)")
    int iscsiPort = Ports.DEFAULTS.iscsi();

    @Option(names = "--nbd-port", paramLabel = "N", description = "NBD port (default: 10809)")
    int nbdPort = Ports.DEFAULTS.nbd();

    @Option(names = "--ipxe-dir", paramLabel = "DIR", description = "Directory with the iPXE binaries (default: /usr/lib/ipxe or /usr/share/ipxe)")
    java.nio.file.Path ipxeDir;

    public ServerConfig toConfig() {
        ServerConfig base = ServerConfig.defaults(dataDir.resolve());
        ServerConfig c = new ServerConfig(base.dataDir(), bind != null ? bind : base.bindAddress(), dhcp,
                new Ports(dhcpPort, pxePort, tftpPort, httpPort, iscsiPort, nbdPort), Optional.ofNullable(ipxeDir));
        return c;
    }
}
