package org.streamboot.server.iscsi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sessions of one target server: TSIH allocation (RFC 7143 11.12.5: unique per target,
 * never 0), session reinstatement (6.3.5: a new login with the same initiator name, ISID and
 * target replaces the old session) and the live list.
 */
final class IscsiSessions {

    private final AtomicInteger lastTsih = new AtomicInteger();
    private final Map<IscsiConnectionHandler, Boolean> connections = new ConcurrentHashMap<>();
    private final Map<String, IscsiConnectionHandler> byIdentity = new ConcurrentHashMap<>();

    int allocateTsih() {
        return lastTsih.updateAndGet(t -> t >= 0xffff ? 1 : t + 1);
    }

    void connected(IscsiConnectionHandler connection) {
        connections.put(connection, Boolean.TRUE);
    }

    /** Registers a logged-in session; returns the session it reinstates, if any. */
    IscsiConnectionHandler loggedIn(String initiator, long isid, String target, IscsiConnectionHandler connection) {
        IscsiConnectionHandler old = byIdentity.put(key(initiator, isid, target), connection);
        return old == connection ? null : old;
    }

    void disconnected(IscsiConnectionHandler connection, String initiator, long isid, String target) {
        connections.remove(connection);
        if (initiator != null) {
            byIdentity.remove(key(initiator, isid, target), connection);
        }
    }

    List<IscsiSessionSnapshot> snapshot() {
        return connections.keySet().stream().map(IscsiConnectionHandler::snapshot).filter(s -> s != null).toList();
    }

    private static String key(String initiator, long isid, String target) {
        return initiator.toLowerCase(java.util.Locale.ROOT) + '|' + Long.toHexString(isid) + '|' + target;
    }
}
