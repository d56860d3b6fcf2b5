package org.streamboot.server.boot;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.model.MacAddress;

/**
 * Adds the PC's registered name to its boot answer, which full-mode DHCP sends as option 12
 * (RFC 2132 3.14): the firmware, iPXE and an OS that keeps the DHCP hostname all see the
 * name the console shows. Blocking (it asks the database): the DHCP engine calls its policy
 * off the event loop.
 */
public final class HostnamePolicy implements BootPolicy {

    private final BootPolicy inner;
    private final Function<MacAddress, Optional<String>> nameOf;

    public HostnamePolicy(BootPolicy inner, Function<MacAddress, Optional<String>> nameOf) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.nameOf = Objects.requireNonNull(nameOf, "nameOf");
    }

    /** Names from the admin service's clients. */
    public HostnamePolicy(BootPolicy inner, AdminService admin) {
        this(inner, mac -> admin.clientByMac(mac).map(c -> c.name()));
    }

    @Override
    public Optional<BootSpec> bootSpec(ClientHello hello) {
        return inner.bootSpec(hello).map(spec -> spec.hostname().isPresent() ? spec
                : nameOf.apply(hello.mac()).map(name -> new BootSpec(spec.bootFile(), spec.server(), spec.firmware(),
                        Optional.of(name))).orElse(spec));
    }
}
