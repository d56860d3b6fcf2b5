package org.streamboot.server.tftp;

import java.util.List;
import org.streamboot.server.net.Endpoint;
import org.streamboot.server.net.NetService;
import org.streamboot.server.net.PendingProtocol;
import org.streamboot.server.net.Transport;

/** TFTP (RFC 1350): hands firmware the iPXE binary. */
public final class TftpService implements NetService {

    private final int port;

    public TftpService(int port) {
        this.port = port;
    }

    @Override
    public String name() {
        return "TFTP";
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("tftp", Transport.UDP, port, () -> new PendingProtocol("TFTP")));
    }
}
