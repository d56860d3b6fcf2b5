package org.streamboot.server.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.streamboot.server.model.DhcpLease;
import org.streamboot.server.model.MacAddress;

/** DHCP leases of full mode. An address belongs to at most one MAC and a MAC to one address. */
public final class LeaseRepository {

    /** Creates or renews the lease of {@code lease.mac()}, moving it to {@code lease.ip()}. */
    public void upsert(Connection c, DhcpLease lease) throws SQLException {
        Rows.update(c, "DELETE FROM dhcp_leases WHERE mac = ? AND ip <> ?", lease.mac().value(), lease.ip());
        Rows.update(c, """
                INSERT INTO dhcp_leases(ip, mac, hostname, expires_at, reserved) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(ip) DO UPDATE SET mac = excluded.mac, hostname = excluded.hostname,
                    expires_at = excluded.expires_at, reserved = excluded.reserved""",
                lease.ip(), lease.mac().value(), lease.hostname(), lease.expiresAt(), lease.reserved());
    }

    public Optional<DhcpLease> byMac(Connection c, MacAddress mac) throws SQLException {
        return Rows.one(c, LeaseRepository::map, "SELECT * FROM dhcp_leases WHERE mac = ?", mac.value());
    }

    public Optional<DhcpLease> byIp(Connection c, String ip) throws SQLException {
        return Rows.one(c, LeaseRepository::map, "SELECT * FROM dhcp_leases WHERE ip = ?", ip);
    }

    public List<DhcpLease> all(Connection c) throws SQLException {
        return Rows.list(c, LeaseRepository::map, "SELECT * FROM dhcp_leases ORDER BY ip");
    }

    /** Drops expired leases that are not reservations; returns how many. */
    public int expire(Connection c, long now) throws SQLException {
        return Rows.update(c, "DELETE FROM dhcp_leases WHERE reserved = 0 AND expires_at < ?", now);
    }

    public boolean release(Connection c, MacAddress mac) throws SQLException {
        return Rows.update(c, "DELETE FROM dhcp_leases WHERE mac = ? AND reserved = 0", mac.value()) == 1;
    }

    /**
     * Pins {@code ip} to {@code mac} for good: the MAC's other lease goes, and so does a dynamic
     * lease another MAC holds on that address (that PC is refused at its next renewal, RFC 2131
     * 4.3.2, and takes a new address). The caller checks that no other reservation holds it.
     */
    public void reserve(Connection c, String ip, MacAddress mac, String hostname) throws SQLException {
        Rows.update(c, "DELETE FROM dhcp_leases WHERE mac = ? OR (ip = ? AND reserved = 0)", mac.value(), ip);
        Rows.update(c, "INSERT INTO dhcp_leases(ip, mac, hostname, expires_at, reserved) VALUES (?, ?, ?, ?, 1)",
                ip, mac.value(), hostname, Long.MAX_VALUE);
    }

    /** Ends the MAC's reservation; its next request gets an address from the range. */
    public boolean unreserve(Connection c, MacAddress mac) throws SQLException {
        return Rows.update(c, "DELETE FROM dhcp_leases WHERE mac = ? AND reserved = 1", mac.value()) == 1;
    }

    private static DhcpLease map(ResultSet rs) throws SQLException {
        return new DhcpLease(rs.getString("ip"), new MacAddress(rs.getString("mac")), rs.getString("hostname"),
                rs.getLong("expires_at"), rs.getInt("reserved") == 1);
    }
}
