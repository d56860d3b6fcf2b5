package org.streamboot.server.iscsi;

import java.util.List;
import org.streamboot.server.net.Endpoint;
import org.streamboot.server.net.NetService;
import org.streamboot.server.net.PendingProtocol;
import org.streamboot.server.net.Transport;

/** The iSCSI target (RFC 7143) that serves vDisks to iPXE, Windows and Linux initiators. */
public final class IscsiService implements NetService {

    private final int port;

    public IscsiService(int port) {
        this.port = port;
    }

    @Override
    public String name() {
        return "iSCSI";
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("iscsi", Transport.TCP, port, () -> new PendingProtocol("iSCSI")));
    }
}
