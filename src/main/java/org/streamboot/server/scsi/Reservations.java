package org.streamboot.server.scsi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may use the logical unit: RESERVE (6)/RELEASE (6) reservations (SPC-2 7.21, 7.24) and
 * persistent reservations (SPC-5 5.13), per I_T nexus. The state lives with the logical unit,
 * so every session that reaches the same unit sees it. Registrations are kept in memory only:
 * APTPL is not offered (REPORT CAPABILITIES says PTPL_C = 0), so they end with the unit.
 * Methods take decoded fields; {@link PersistentReserveCommands} reads and writes the bytes.
 */
final class Reservations {

    /** Persistent reservation types (SPC-5 table 6.16.2). */
    enum Type {
        WRITE_EXCLUSIVE(1), EXCLUSIVE_ACCESS(3), WRITE_EXCLUSIVE_REGISTRANTS_ONLY(5),
        EXCLUSIVE_ACCESS_REGISTRANTS_ONLY(6), WRITE_EXCLUSIVE_ALL_REGISTRANTS(7), EXCLUSIVE_ACCESS_ALL_REGISTRANTS(8);

        final int code;

        Type(int code) {
            this.code = code;
        }

        static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }

        boolean allRegistrants() {
            return this == WRITE_EXCLUSIVE_ALL_REGISTRANTS || this == EXCLUSIVE_ACCESS_ALL_REGISTRANTS;
        }

        /** Registrants other than the holder may write (and, for exclusive access, read). */
        boolean registrantsHaveAccess() {
            return this != WRITE_EXCLUSIVE && this != EXCLUSIVE_ACCESS;
        }

        boolean exclusiveAccess() {
            return this == EXCLUSIVE_ACCESS || this == EXCLUSIVE_ACCESS_REGISTRANTS_ONLY
                    || this == EXCLUSIVE_ACCESS_ALL_REGISTRANTS;
        }
    }

    /** A reservation as READ RESERVATION reports it. */
    record Held(long key, Type type) {
    }

    static final ScsiResult CONFLICT = ScsiResult.status(ScsiStatus.RESERVATION_CONFLICT);

    private String reserve6Holder;
    private final Map<String, Long> keys = new LinkedHashMap<>();
    private String holder;
    private Type type;
    private int generation;

    // ---- access (SPC-5 table 5.13.1 "commands and reservations"; SPC-2 5.5.1) ----

    /** True when {@code command} from {@code nexus} must end in RESERVATION CONFLICT. */
    synchronized boolean conflicts(Command command, String nexus) {
        if (command.opcode == Command.PERSISTENT_RESERVE_IN) {
            return false;
        }
        if (command.opcode == Command.PERSISTENT_RESERVE_OUT) {
            // PERSISTENT RESERVE OUT checks keys itself; a RESERVE (6) holder excludes it.
            return reserve6Holder != null && !reserve6Holder.equals(nexus);
        }
        switch (command) {
            case INQUIRY, REPORT_LUNS, REQUEST_SENSE, REPORT_SUPPORTED_OPERATION_CODES -> {
                return false;
            }
            case RESERVE_6, RELEASE_6 -> {
                // A persistent reservation excludes the older mechanism (SPC-5 5.13.3).
                return type != null && !holds(nexus);
            }
            default -> { }
        }
        if (reserve6Holder != null) {
            return !reserve6Holder.equals(nexus);
        }
        if (type == null || holds(nexus)) {
            return false;
        }
        boolean writes = command.access == Command.Access.WRITE || command == Command.MODE_SELECT_6
                || command == Command.MODE_SELECT_10;
        boolean reads = command.access == Command.Access.READ;
        boolean registered = keys.containsKey(nexus);
        if (writes) {
            return !(type.registrantsHaveAccess() && registered);
        }
        if (reads && type.exclusiveAccess()) {
            return !(type.registrantsHaveAccess() && registered);
        }
        return false;
    }

    private boolean holds(String nexus) {
        return type != null && (type.allRegistrants() ? keys.containsKey(nexus) : nexus.equals(holder));
    }

    // ---- RESERVE (6) / RELEASE (6) ----

    synchronized ScsiResult reserve6(String nexus) {
        if (type != null) {
            // Compatible reservation handling (SPC-5 5.13.3): the persistent holder's RESERVE is a no-op.
            return holds(nexus) ? ScsiResult.good() : CONFLICT;
        }
        if (reserve6Holder != null && !reserve6Holder.equals(nexus)) {
            return CONFLICT;
        }
        reserve6Holder = nexus;
        return ScsiResult.good();
    }

    /** Only the holder releases; anyone else's RELEASE is GOOD and changes nothing (SPC-2 7.24). */
    synchronized ScsiResult release6(String nexus) {
        if (nexus.equals(reserve6Holder)) {
            reserve6Holder = null;
        }
        return ScsiResult.good();
    }

    /** A logical unit reset ends RESERVE (6) reservations; persistent ones stay (SPC-5 5.13.1). */
    synchronized void reset() {
        reserve6Holder = null;
    }

    synchronized void lost(String nexus) {
        if (nexus.equals(reserve6Holder)) {
            reserve6Holder = null;
        }
    }

    // ---- PERSISTENT RESERVE IN (SPC-5 6.15) ----

    synchronized int generation() {
        return generation;
    }

    synchronized List<Long> keys() {
        return new ArrayList<>(keys.values());
    }

    /** One registered I_T nexus as READ FULL STATUS reports it; {@code type} is null unless it holds the reservation. */
    record Registrant(String nexus, long key, Type type) {
    }

    /** Every registration, in the order made; the holder(s) with the reservation's type. */
    synchronized List<Registrant> registrants() {
        List<Registrant> out = new ArrayList<>();
        keys.forEach((nexus, key) -> out.add(new Registrant(nexus, key, holds(nexus) ? type : null)));
        return out;
    }

    /** The reservation, or null; an all-registrants reservation reports key 0 (SPC-5 6.15.3). */
    synchronized Held held() {
        if (type == null) {
            return null;
        }
        return new Held(type.allRegistrants() ? 0 : keys.getOrDefault(holder, 0L), type);
    }

    // ---- PERSISTENT RESERVE OUT (SPC-5 5.13.7 to 5.13.11, 6.16) ----

    /** REGISTER, or REGISTER AND IGNORE EXISTING KEY when {@code ignoreKey}. */
    synchronized ScsiResult register(String nexus, long key, long newKey, boolean ignoreKey) {
        Long current = keys.get(nexus);
        if (!ignoreKey && (current == null ? key != 0 : current != key)) {
            return CONFLICT;
        }
        if (current == null && newKey == 0) {
            return ScsiResult.good(); // unregistered and asked to unregister: nothing to do
        }
        if (newKey != 0) {
            keys.put(nexus, newKey);
        } else {
            unregister(nexus);
        }
        generation++;
        return ScsiResult.good();
    }

    private void unregister(String nexus) {
        keys.remove(nexus);
        // The holder's reservation ends with its registration; an all-registrants one with the last registrant.
        if (type != null && (type.allRegistrants() ? keys.isEmpty() : nexus.equals(holder))) {
            type = null;
            holder = null;
        }
    }

    synchronized ScsiResult reserve(String nexus, long key, Type wanted) {
        if (!registeredWith(nexus, key)) {
            return CONFLICT;
        }
        if (type == null) {
            type = wanted;
            holder = nexus;
            return ScsiResult.good();
        }
        return holds(nexus) && type == wanted ? ScsiResult.good() : CONFLICT;
    }

    synchronized ScsiResult release(String nexus, long key, Type wanted) {
        if (!registeredWith(nexus, key)) {
            return CONFLICT;
        }
        if (type == null || !holds(nexus)) {
            return ScsiResult.good();
        }
        if (type != wanted) {
            return ScsiResult.checkCondition(Sense.invalidReleaseOfPersistentReservation());
        }
        type = null;
        holder = null;
        return ScsiResult.good();
    }

    synchronized ScsiResult clear(String nexus, long key) {
        if (!registeredWith(nexus, key)) {
            return CONFLICT;
        }
        keys.clear();
        type = null;
        holder = null;
        generation++;
        return ScsiResult.good();
    }

    /**
     * PREEMPT (SPC-5 5.13.11.4): removes the registrations with {@code victim}'s key; when they
     * held the reservation (or it is an all-registrants one and the key is 0), this nexus takes
     * it over with the requested type.
     */
    synchronized ScsiResult preempt(String nexus, long key, long victim, Type wanted) {
        if (!registeredWith(nexus, key)) {
            return CONFLICT;
        }
        boolean allRegistrants = type != null && type.allRegistrants();
        boolean takesReservation = type != null
                && (allRegistrants ? victim == 0 : victim == keys.getOrDefault(holder, 0L));
        if (victim == 0 && !allRegistrants) {
            return ScsiResult.checkCondition(Sense.invalidFieldInParameterList(8));
        }
        List<String> removed = new ArrayList<>();
        keys.forEach((n, k) -> {
            if (victim == 0 ? !n.equals(nexus) : k == victim) {
                removed.add(n);
            }
        });
        if (removed.isEmpty() && !takesReservation) {
            return CONFLICT;
        }
        removed.forEach(keys::remove);
        if (takesReservation) {
            type = wanted;
            holder = nexus;
        }
        generation++;
        return ScsiResult.good();
    }

    private boolean registeredWith(String nexus, long key) {
        Long current = keys.get(nexus);
        return current != null && current == key;
    }
}
