package org.streamboot.server.boot;

import java.util.List;
import java.util.Optional;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.LeaseRepository;
import org.streamboot.server.dhcp.LeaseStore;
import org.streamboot.server.model.DhcpLease;
import org.streamboot.server.model.MacAddress;

/**
 * Full-mode DHCP leases in SQLite, so they survive a restart and the console can list them.
 * The DHCP service calls this from its executor, never from the event loop.
 */
public final class DatabaseLeaseStore implements LeaseStore {

    private final Database db;
    private final LeaseRepository leases = new LeaseRepository();

    public DatabaseLeaseStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<DhcpLease> findByMac(MacAddress mac) {
        return db.call(c -> leases.byMac(c, mac));
    }

    @Override
    public Optional<DhcpLease> findByIp(String ip) {
        return db.call(c -> leases.byIp(c, ip));
    }

    @Override
    public List<DhcpLease> all() {
        return db.call(leases::all);
    }

    @Override
    public void reserve(DhcpLease hold) {
        db.transaction(c -> {
            leases.upsert(c, hold);
            return null;
        });
    }

    @Override
    public void commit(DhcpLease lease) {
        db.transaction(c -> {
            leases.upsert(c, lease);
            return null;
        });
    }

    @Override
    public boolean release(MacAddress mac) {
        return db.call(c -> leases.release(c, mac));
    }

    @Override
    public int expire(long nowMillis) {
        return db.call(c -> leases.expire(c, nowMillis));
    }
}
