package org.streamboot.server.nbd;

import java.util.List;
import org.streamboot.server.net.Endpoint;
import org.streamboot.server.net.NetService;
import org.streamboot.server.net.PendingProtocol;
import org.streamboot.server.net.Transport;

/** The NBD server (fixed newstyle handshake) for Linux clients. */
public final class NbdService implements NetService {

    private final int port;

    public NbdService(int port) {
        this.port = port;
    }

    @Override
    public String name() {
        return "NBD";
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("nbd", Transport.TCP, port, () -> new PendingProtocol("NBD")));
    }
}
