package org.streamboot.server.dhcp;

import java.util.List;
import org.streamboot.server.net.Endpoint;
import org.streamboot.server.net.NetService;
import org.streamboot.server.net.PendingProtocol;
import org.streamboot.server.net.Transport;

/**
 * DHCP and proxyDHCP. In proxy mode the PXE spec (section 2.2.3) has clients send their
 * boot-server request to UDP 4011, so that port is held as well; full mode needs only 67.
 */
public final class DhcpService implements NetService {

    private final int dhcpPort;
    private final int pxePort;
    private final boolean proxy;

    public DhcpService(int dhcpPort, int pxePort, boolean proxy) {
        this.dhcpPort = dhcpPort;
        this.pxePort = pxePort;
        this.proxy = proxy;
    }

    @Override
    public String name() {
        return "DHCP";
    }

    @Override
    public List<Endpoint> endpoints() {
        Endpoint dhcp = new Endpoint("dhcp", Transport.UDP, dhcpPort, () -> new PendingProtocol("DHCP"));
        if (!proxy) {
            return List.of(dhcp);
        }
        return List.of(dhcp, new Endpoint("pxe boot server", Transport.UDP, pxePort, () -> new PendingProtocol("PXE boot server")));
    }
}
