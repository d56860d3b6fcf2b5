package org.streamboot.server.net;

import java.util.List;

/** A protocol service: a name and the sockets it needs. The {@link ServiceRunner} binds them. */
public interface NetService {

    /** Shown to the admin: "DHCP", "TFTP", "HTTP", "iSCSI", "NBD". */
    String name();

    List<Endpoint> endpoints();

    /** Called after all sockets are closed, to release what the service holds. */
    default void stopped() {
    }
}
