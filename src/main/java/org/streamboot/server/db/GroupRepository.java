package org.streamboot.server.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.streamboot.server.model.ClientGroup;

/** Client groups (rooms). */
public final class GroupRepository {

    public ClientGroup insert(Connection c, String name, long now) throws SQLException {
        long id = Rows.insert(c, "INSERT INTO client_groups(name, created_at) VALUES (?, ?)", name, now);
        return new ClientGroup(id, name, now);
    }

    public Optional<ClientGroup> byName(Connection c, String name) throws SQLException {
        return Rows.one(c, GroupRepository::map, "SELECT * FROM client_groups WHERE name = ?", name);
    }

    public Optional<ClientGroup> byId(Connection c, long id) throws SQLException {
        return Rows.one(c, GroupRepository::map, "SELECT * FROM client_groups WHERE id = ?", id);
    }

    public List<ClientGroup> all(Connection c) throws SQLException {
        return Rows.list(c, GroupRepository::map, "SELECT * FROM client_groups ORDER BY name");
    }

    public boolean delete(Connection c, long id) throws SQLException {
        return Rows.update(c, "DELETE FROM client_groups WHERE id = ?", id) == 1;
    }

    private static ClientGroup map(ResultSet rs) throws SQLException {
        return new ClientGroup(rs.getLong("id"), rs.getString("name"), rs.getLong("created_at"));
    }
}
