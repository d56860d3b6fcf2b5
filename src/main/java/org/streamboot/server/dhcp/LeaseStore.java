package org.streamboot.server.dhcp;

import java.util.List;
import java.util.Optional;
import org.streamboot.server.model.DhcpLease;
import org.streamboot.server.model.MacAddress;

/**
 * Where full mode keeps its leases. Calls may touch disk: the DHCP service makes them off the
 * event loop. Times are epoch milliseconds. A lease with {@code reserved} set pins an address
 * to a MAC (the admin's per-MAC reservation) and never expires or is released.
 * An address belongs to at most one MAC and a MAC to one address.
 */
public interface LeaseStore {

    Optional<DhcpLease> findByMac(MacAddress mac);

    Optional<DhcpLease> findByIp(String ip);

    /** Every lease, current or expired but not yet swept. */
    List<DhcpLease> all();

    /** Holds an address for a client between OFFER and REQUEST (short expiry). */
    void reserve(DhcpLease hold);

    /** Binds the address for the lease time after an ACK (new lease or renewal). */
    void commit(DhcpLease lease);

    /** Gives the MAC's address back (DHCPRELEASE, DECLINE); reservations stay. */
    boolean release(MacAddress mac);

    /** Forgets leases that ran out before {@code nowMillis}; returns how many. */
    int expire(long nowMillis);
}
