package org.streamboot.server.iscsi;

import java.util.HashMap;
import java.util.Map;

/**
 * The CmdSN window of a session (RFC 7143 section 4.2.2.1): commands are delivered in CmdSN
 * order; a command ahead of ExpCmdSN but inside [ExpCmdSN, MaxCmdSN] waits for the gap to
 * fill; a command outside the window is dropped silently, as the RFC requires. Immediate
 * commands bypass the window and do not advance ExpCmdSN. Comparisons use serial number
 * arithmetic (RFC 1982) because CmdSN wraps at 2^32.
 */
final class CommandWindow<T> {

    enum Admission { DELIVER, HELD, DROPPED }

    private final int size;
    private final Map<Integer, T> held = new HashMap<>();
    private int expCmdSn;

    CommandWindow(int firstCmdSn, int size) {
        this.expCmdSn = firstCmdSn;
        this.size = size;
    }

    int expCmdSn() {
        return expCmdSn;
    }

    int maxCmdSn() {
        return expCmdSn + size - 1;
    }

    /** True when {@code sn} lies in [lo, hi] modulo 2^32. */
    static boolean within(int sn, int lo, int hi) {
        return Integer.compareUnsigned(sn - lo, hi - lo) <= 0;
    }

    /**
     * Admits a non-immediate command. DELIVER means: process it now and then every command that
     * {@link #nextHeld()} returns.
     */
    Admission admit(int cmdSn, T command) {
        if (cmdSn == expCmdSn) {
            expCmdSn++;
            return Admission.DELIVER;
        }
        if (!within(cmdSn, expCmdSn, maxCmdSn()) || held.containsKey(cmdSn)) {
            return Admission.DROPPED;
        }
        held.put(cmdSn, command);
        return Admission.HELD;
    }

    /** The held command whose turn has come, or null. */
    T nextHeld() {
        T next = held.remove(expCmdSn);
        if (next != null) {
            expCmdSn++;
        }
        return next;
    }
}
