package org.streamboot.server.boot;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.model.MacAddress;

/**
 * Keeps the DHCP service silent towards PCs the database does not know while the registration
 * policy is {@link RegistrationPolicy#IGNORE}: with no offer, the firmware moves on to its next
 * boot device as if Streamboot were not there. Known PCs get their answer whatever their state:
 * a pending or rejected PC still boots iPXE, whose script tells its screen why it goes no further.
 *
 * <p>Blocking (it asks the database): the DHCP engine calls its policy off the event loop.
 */
public final class RegistrationGate implements BootPolicy {

    private final BootPolicy inner;
    private final Supplier<RegistrationPolicy> policy;
    private final Predicate<MacAddress> known;

    /** @param known whether the database has a client with this MAC, in any registration state */
    public RegistrationGate(BootPolicy inner, Supplier<RegistrationPolicy> policy, Predicate<MacAddress> known) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.known = Objects.requireNonNull(known, "known");
    }

    /** Asks the admin service which PCs are known. */
    public RegistrationGate(BootPolicy inner, Supplier<RegistrationPolicy> policy, AdminService admin) {
        this(inner, policy, mac -> admin.clientByMac(mac).isPresent());
    }

    @Override
    public Optional<BootSpec> bootSpec(ClientHello hello) {
        Optional<BootSpec> spec = inner.bootSpec(hello);
        // Only a would-be answer costs a database look-up: non-boot DHCP traffic stays cheap.
        if (spec.isPresent() && policy.get() == RegistrationPolicy.IGNORE && !known.test(hello.mac())) {
            return Optional.empty();
        }
        return spec;
    }
}
