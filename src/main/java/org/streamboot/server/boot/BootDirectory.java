package org.streamboot.server.boot;

import java.util.List;
import java.util.Optional;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.Views.ClientView;
import org.streamboot.server.model.Iqn;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.RegistrationState;

/**
 * Decides a PC's {@link BootPlan} from the database, registering strangers as the policy says.
 * Blocking (it queries the database): call it from an executor, never from an event loop.
 */
public final class BootDirectory {

    private final AdminService admin;

    public BootDirectory(AdminService admin) {
        this.admin = admin;
    }

    public BootPlan planFor(MacAddress mac, RegistrationPolicy policy) {
        Optional<ClientView> known = admin.clientByMac(mac);
        if (known.isEmpty()) {
            known = switch (policy) {
                case AUTO -> Optional.of(admin.registerArrival(mac, RegistrationState.APPROVED));
                case APPROVE -> Optional.of(admin.registerArrival(mac, RegistrationState.PENDING));
                case IGNORE -> Optional.empty();
            };
        }
        if (known.isEmpty()) {
            return new BootPlan(mac, null, null, BootPlan.Status.UNKNOWN, List.of());
        }
        ClientView c = known.get();
        BootPlan.Status status = switch (RegistrationState.valueOf(c.registration().toUpperCase())) {
            case PENDING -> BootPlan.Status.PENDING;
            case REJECTED -> BootPlan.Status.REJECTED;
            case APPROVED -> c.vdisks().isEmpty() ? BootPlan.Status.NO_VDISK : BootPlan.Status.READY;
        };
        List<BootPlan.Target> targets = status != BootPlan.Status.READY ? List.of() : c.vdisks().stream()
                .map(v -> new BootPlan.Target(v, Iqn.forVdisk(v), v.equals(c.defaultVdisk())))
                .toList();
        return new BootPlan(mac, c.name(), c.iqn(), status, targets);
    }
}
