package org.streamboot.server.dhcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.streamboot.server.model.DhcpLease;
import org.streamboot.server.model.MacAddress;

/** A {@link LeaseStore} in memory, for tests and for running without a database. */
public final class InMemoryLeaseStore implements LeaseStore {

    private final Map<String, DhcpLease> byIp = new LinkedHashMap<>();

    @Override
    public synchronized Optional<DhcpLease> findByMac(MacAddress mac) {
        return byIp.values().stream().filter(l -> l.mac().equals(mac)).findFirst();
    }

    @Override
    public synchronized Optional<DhcpLease> findByIp(String ip) {
        return Optional.ofNullable(byIp.get(ip));
    }

    @Override
    public synchronized List<DhcpLease> all() {
        return new ArrayList<>(byIp.values());
    }

    @Override
    public void reserve(DhcpLease hold) {
        put(hold);
    }

    @Override
    public void commit(DhcpLease lease) {
        put(lease);
    }

    /** Pins an address to a MAC, as the admin's reservation would. */
    public void pin(MacAddress mac, String ip, String hostname) {
        put(new DhcpLease(ip, mac, hostname, Long.MAX_VALUE, true));
    }

    private synchronized void put(DhcpLease lease) {
        byIp.values().removeIf(l -> l.mac().equals(lease.mac()) && !l.ip().equals(lease.ip()));
        DhcpLease existing = byIp.get(lease.ip());
        boolean pinned = existing != null && existing.reserved() && existing.mac().equals(lease.mac());
        byIp.put(lease.ip(), pinned ? new DhcpLease(lease.ip(), lease.mac(), lease.hostname(), Long.MAX_VALUE, true) : lease);
    }

    @Override
    public synchronized boolean release(MacAddress mac) {
        return byIp.values().removeIf(l -> l.mac().equals(mac) && !l.reserved());
    }

    @Override
    public synchronized int expire(long nowMillis) {
        int before = byIp.size();
        byIp.values().removeIf(l -> !l.reserved() && l.expiresAt() < nowMillis);
        return before - byIp.size();
    }
}
