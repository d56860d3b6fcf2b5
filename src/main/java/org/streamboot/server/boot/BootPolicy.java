package org.streamboot.server.boot;

import java.util.Optional;

/**
 * Who gets what. The DHCP service asks this for every booting client; an empty answer means
 * "stay silent" (the client is not a network-boot client, or is not ours to boot).
 * Implementations may consult the database: the DHCP service calls this off the event loop.
 */
@FunctionalInterface
public interface BootPolicy {

    Optional<BootSpec> bootSpec(ClientHello hello);
}
