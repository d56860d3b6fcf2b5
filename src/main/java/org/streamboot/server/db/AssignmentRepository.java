package org.streamboot.server.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.streamboot.server.model.Assignment;
import org.streamboot.server.model.Assignment.Target;
import org.streamboot.server.model.Assignment.ToClient;
import org.streamboot.server.model.Assignment.ToGroup;

/** Which vDisks are offered to which client or group, in menu order. */
public final class AssignmentRepository {

    public Assignment insert(Connection c, Target target, long vdiskId, boolean isDefault) throws SQLException {
        int position = Rows.one(c, rs -> rs.getInt(1),
                "SELECT COALESCE(MAX(position) + 1, 0) FROM assignments WHERE " + column(target) + " = ?", targetId(target))
                .orElse(0);
        long id = Rows.insert(c, "INSERT INTO assignments(" + column(target) + ", vdisk_id, is_default, position) VALUES (?, ?, ?, ?)",
                targetId(target), vdiskId, isDefault, position);
        return new Assignment(id, target, vdiskId, isDefault, position);
    }

    public List<Assignment> of(Connection c, Target target) throws SQLException {
        return Rows.list(c, AssignmentRepository::map,
                "SELECT * FROM assignments WHERE " + column(target) + " = ? ORDER BY position, id", targetId(target));
    }

    public Optional<Assignment> find(Connection c, Target target, long vdiskId) throws SQLException {
        return Rows.one(c, AssignmentRepository::map,
                "SELECT * FROM assignments WHERE " + column(target) + " = ? AND vdisk_id = ?", targetId(target), vdiskId);
    }

    public List<Assignment> ofVdisk(Connection c, long vdiskId) throws SQLException {
        return Rows.list(c, AssignmentRepository::map, "SELECT * FROM assignments WHERE vdisk_id = ? ORDER BY id", vdiskId);
    }

    public List<Assignment> all(Connection c) throws SQLException {
        return Rows.list(c, AssignmentRepository::map, "SELECT * FROM assignments ORDER BY position, id");
    }

    /** Makes one assignment the target's default and clears the flag on the others. */
    public void makeDefault(Connection c, Assignment assignment) throws SQLException {
        Target t = assignment.target();
        Rows.update(c, "UPDATE assignments SET is_default = 0 WHERE " + column(t) + " = ?", targetId(t));
        Rows.update(c, "UPDATE assignments SET is_default = 1 WHERE id = ?", assignment.id());
    }

    public boolean delete(Connection c, long assignmentId) throws SQLException {
        return Rows.update(c, "DELETE FROM assignments WHERE id = ?", assignmentId) == 1;
    }

    private static String column(Target target) {
        return switch (target) {
            case ToClient ignored -> "client_id";
            case ToGroup ignored -> "group_id";
        };
    }

    private static long targetId(Target target) {
        return switch (target) {
            case ToClient tc -> tc.clientId();
            case ToGroup tg -> tg.groupId();
        };
    }

    private static Assignment map(ResultSet rs) throws SQLException {
        Optional<Long> client = Rows.optionalLong(rs, "client_id");
        Target target = client.<Target>map(ToClient::new).orElseGet(() -> {
            try {
                return new ToGroup(rs.getLong("group_id"));
            } catch (SQLException e) {
                throw new DatabaseException(e.getMessage(), e);
            }
        });
        return new Assignment(rs.getLong("id"), target, rs.getLong("vdisk_id"), rs.getInt("is_default") == 1,
                rs.getInt("position"));
    }
}
