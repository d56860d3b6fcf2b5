package org.streamboot.server.boot;

import java.util.List;
import org.streamboot.server.model.MacAddress;

/**
 * What one PC boots, decided from the database when its iPXE asks: who it is and which vDisks
 * it may boot (in menu order).
 *
 * @param name    the PC's host name (iPXE passes it on in the iBFT and DHCP option 12)
 * @param iqn     its iSCSI initiator name, which the target uses to find its write cache
 * @param targets empty unless status is READY
 */
public record BootPlan(MacAddress mac, String name, String iqn, Status status, List<Target> targets) {

    public BootPlan {
        targets = List.copyOf(targets);
    }

    public enum Status {
        /** Known, approved and with at least one vDisk. */
        READY,
        /** Registered but waiting for the admin's approval. */
        PENDING,
        /** The admin turned it away. */
        REJECTED,
        /** Known and approved, but no vDisk is assigned to it or its group. */
        NO_VDISK,
        /** Not in the database, and the policy does not register strangers. */
        UNKNOWN
    }

    /** One bootable vDisk: its name, its iSCSI target name, whether it boots by default. */
    public record Target(String vdiskName, String targetIqn, boolean isDefault) {
    }

    public Target defaultTarget() {
        return targets.stream().filter(Target::isDefault).findFirst().orElse(targets.getFirst());
    }
}
