package org.streamboot.server.scsi;

import java.util.HashSet;
import java.util.Set;

/**
 * Unit attention conditions per I_T nexus (SAM-5 5.14): an event that every initiator must hear
 * of (a reset) is reported once to each nexus, on its next command other than INQUIRY, REPORT
 * LUNS or REQUEST SENSE (SPC-5 4.3: those never fail for a pending unit attention). Multipath
 * software relies on it to learn that another path reset the logical unit.
 */
final class UnitAttentions {

    private final Set<String> known = new HashSet<>();
    private final Set<String> resetPending = new HashSet<>();

    /**
     * The unit attention to report for this command, or null; reporting it clears it. REQUEST
     * SENSE returns it as its data instead (SPC-5 6.39), which the caller arranges.
     */
    synchronized SenseData take(String nexus, int opcode) {
        known.add(nexus);
        if (opcode == Command.INQUIRY.opcode || opcode == Command.REPORT_LUNS.opcode) {
            return null;
        }
        return resetPending.remove(nexus) ? Sense.busDeviceResetOccurred() : null;
    }

    /** A logical unit reset: every nexus that has spoken to the unit hears of it. */
    synchronized void reset() {
        resetPending.addAll(known);
    }

    synchronized void lost(String nexus) {
        known.remove(nexus);
        resetPending.remove(nexus);
    }
}
