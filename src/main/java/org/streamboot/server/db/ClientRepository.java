package org.streamboot.server.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.streamboot.server.model.Client;
import org.streamboot.server.model.Firmware;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.RegistrationState;

/** The PCs the server knows. */
public final class ClientRepository {

    public Client insert(Connection c, MacAddress mac, String name, String iqn, Optional<Long> groupId,
                         RegistrationState state, long now) throws SQLException {
        long id = Rows.insert(c, """
                INSERT INTO clients(mac, name, initiator_iqn, group_id, registration, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", mac.value(), name, iqn, groupId.orElse(null), state, now);
        return new Client(id, mac, name, iqn, groupId, state, Firmware.UNKNOWN, Optional.empty(), 0, now);
    }

    public Optional<Client> byMac(Connection c, MacAddress mac) throws SQLException {
        return Rows.one(c, ClientRepository::map, "SELECT * FROM clients WHERE mac = ?", mac.value());
    }

    public Optional<Client> byName(Connection c, String name) throws SQLException {
        return Rows.one(c, ClientRepository::map, "SELECT * FROM clients WHERE name = ?", name);
    }

    public Optional<Client> byIqn(Connection c, String iqn) throws SQLException {
        return Rows.one(c, ClientRepository::map, "SELECT * FROM clients WHERE initiator_iqn = ?", iqn);
    }

    public Optional<Client> byId(Connection c, long id) throws SQLException {
        return Rows.one(c, ClientRepository::map, "SELECT * FROM clients WHERE id = ?", id);
    }

    public List<Client> all(Connection c) throws SQLException {
        return Rows.list(c, ClientRepository::map, "SELECT * FROM clients ORDER BY name COLLATE NOCASE");
    }

    public List<Client> inGroup(Connection c, long groupId) throws SQLException {
        return Rows.list(c, ClientRepository::map, "SELECT * FROM clients WHERE group_id = ? ORDER BY name", groupId);
    }

    public List<String> namesLike(Connection c, String prefix) throws SQLException {
        return Rows.list(c, rs -> rs.getString(1), "SELECT name FROM clients WHERE name LIKE ? ESCAPE '\\'",
                prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }

    public void setGroup(Connection c, long clientId, Optional<Long> groupId) throws SQLException {
        Rows.update(c, "UPDATE clients SET group_id = ? WHERE id = ?", groupId.orElse(null), clientId);
    }

    public void setRegistration(Connection c, long clientId, RegistrationState state) throws SQLException {
        Rows.update(c, "UPDATE clients SET registration = ? WHERE id = ?", state, clientId);
    }

    public void rename(Connection c, long clientId, String name) throws SQLException {
        Rows.update(c, "UPDATE clients SET name = ? WHERE id = ?", name, clientId);
    }

    /** Records what a boot told about the client: its firmware, its address, when. */
    public void markSeen(Connection c, long clientId, Firmware firmware, String ip, long at) throws SQLException {
        Rows.update(c, "UPDATE clients SET last_firmware = ?, last_ip = COALESCE(?, last_ip), last_seen_at = ? WHERE id = ?",
                firmware, ip, at, clientId);
    }

    /** The client's CHAP secret, kept in clear because CHAP needs it (RFC 1994); null when unset. */
    public Optional<String> chapSecret(Connection c, String iqn) throws SQLException {
        return Rows.one(c, rs -> Optional.ofNullable(rs.getString(1)), "SELECT chap_secret FROM clients WHERE initiator_iqn = ?", iqn)
                .flatMap(o -> o);
    }

    public void setChapSecret(Connection c, long clientId, String secret) throws SQLException {
        Rows.update(c, "UPDATE clients SET chap_secret = ? WHERE id = ?", secret, clientId);
    }

    /** The client's own UEFI iPXE build in the setting's stored form, or empty for the server's. */
    public Optional<String> uefiBinary(Connection c, MacAddress mac) throws SQLException {
        return Rows.one(c, rs -> Optional.ofNullable(rs.getString(1)), "SELECT uefi_binary FROM clients WHERE mac = ?", mac.value())
                .flatMap(o -> o);
    }

    public void setUefiBinary(Connection c, long clientId, String binary) throws SQLException {
        Rows.update(c, "UPDATE clients SET uefi_binary = ? WHERE id = ?", binary, clientId);
    }

    public boolean delete(Connection c, long clientId) throws SQLException {
        return Rows.update(c, "DELETE FROM clients WHERE id = ?", clientId) == 1;
    }

    private static Client map(ResultSet rs) throws SQLException {
        return new Client(rs.getLong("id"), new MacAddress(rs.getString("mac")), rs.getString("name"),
                rs.getString("initiator_iqn"), Rows.optionalLong(rs, "group_id"),
                RegistrationState.valueOf(rs.getString("registration")), Firmware.valueOf(rs.getString("last_firmware")),
                Optional.ofNullable(rs.getString("last_ip")), rs.getLong("last_seen_at"), rs.getLong("created_at"));
    }
}
