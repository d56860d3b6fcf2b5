package org.streamboot.server.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.streamboot.server.model.Vdisk;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.server.model.VdiskVersion;
import org.streamboot.server.model.VdiskVersion.VersionState;

/** vDisks and their versions (one aggregate: a version never outlives its vDisk). */
public final class VdiskRepository {

    public Vdisk insert(Connection c, String name, VdiskMode mode, long sizeBytes, boolean persistent, long now)
            throws SQLException {
        long id = Rows.insert(c, "INSERT INTO vdisks(name, mode, size_bytes, persistent, created_at) VALUES (?, ?, ?, ?, ?)",
                name, mode, sizeBytes, persistent, now);
        return new Vdisk(id, name, mode, sizeBytes, persistent, 0, now);
    }

    public Optional<Vdisk> byName(Connection c, String name) throws SQLException {
        return Rows.one(c, VdiskRepository::map, "SELECT * FROM vdisks WHERE name = ?", name);
    }

    public Optional<Vdisk> byId(Connection c, long id) throws SQLException {
        return Rows.one(c, VdiskRepository::map, "SELECT * FROM vdisks WHERE id = ?", id);
    }

    public List<Vdisk> all(Connection c) throws SQLException {
        return Rows.list(c, VdiskRepository::map, "SELECT * FROM vdisks ORDER BY name COLLATE NOCASE");
    }

    public void setMode(Connection c, long vdiskId, VdiskMode mode) throws SQLException {
        Rows.update(c, "UPDATE vdisks SET mode = ? WHERE id = ?", mode, vdiskId);
    }

    public void setCurrentVersion(Connection c, long vdiskId, int version) throws SQLException {
        Rows.update(c, "UPDATE vdisks SET current_version = ? WHERE id = ?", version, vdiskId);
    }

    public boolean delete(Connection c, long vdiskId) throws SQLException {
        return Rows.update(c, "DELETE FROM vdisks WHERE id = ?", vdiskId) == 1;
    }

    public VdiskVersion insertVersion(Connection c, long vdiskId, int number, int parent, VersionState state,
                                      String file, String note, long now) throws SQLException {
        long id = Rows.insert(c, """
                INSERT INTO vdisk_versions(vdisk_id, number, parent_number, state, file, note, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", vdiskId, number, parent, state, file, note, now);
        return new VdiskVersion(id, vdiskId, number, parent, state, file, note, now);
    }

    public List<VdiskVersion> versions(Connection c, long vdiskId) throws SQLException {
        return Rows.list(c, VdiskRepository::mapVersion, "SELECT * FROM vdisk_versions WHERE vdisk_id = ? ORDER BY number",
                vdiskId);
    }

    public void setVersionState(Connection c, long versionId, VersionState state) throws SQLException {
        Rows.update(c, "UPDATE vdisk_versions SET state = ? WHERE id = ?", state, versionId);
    }

    /** Who writes the draft while the vDisk is in maintenance mode, and the mode it came from. */
    public record Maintenance(long clientId, VdiskMode previousMode) {
    }

    public Optional<Maintenance> maintenance(Connection c, long vdiskId) throws SQLException {
        return Rows.one(c, rs -> new Maintenance(rs.getLong("maintenance_client_id"),
                        VdiskMode.valueOf(rs.getString("mode_before_maintenance"))),
                "SELECT maintenance_client_id, mode_before_maintenance FROM vdisks WHERE id = ? AND mode = 'MAINTENANCE'"
                        + " AND maintenance_client_id IS NOT NULL AND mode_before_maintenance IS NOT NULL", vdiskId);
    }

    public void startMaintenance(Connection c, long vdiskId, long clientId, VdiskMode previousMode) throws SQLException {
        Rows.update(c, "UPDATE vdisks SET mode = 'MAINTENANCE', maintenance_client_id = ?, mode_before_maintenance = ?"
                + " WHERE id = ?", clientId, previousMode, vdiskId);
    }

    public void endMaintenance(Connection c, long vdiskId, VdiskMode mode) throws SQLException {
        Rows.update(c, "UPDATE vdisks SET mode = ?, maintenance_client_id = NULL, mode_before_maintenance = NULL"
                + " WHERE id = ?", mode, vdiskId);
    }

    public void deleteVersion(Connection c, long versionId) throws SQLException {
        Rows.update(c, "DELETE FROM vdisk_versions WHERE id = ?", versionId);
    }

    private static Vdisk map(ResultSet rs) throws SQLException {
        return new Vdisk(rs.getLong("id"), rs.getString("name"), VdiskMode.valueOf(rs.getString("mode")),
                rs.getLong("size_bytes"), rs.getInt("persistent") == 1, rs.getInt("current_version"), rs.getLong("created_at"));
    }

    private static VdiskVersion mapVersion(ResultSet rs) throws SQLException {
        return new VdiskVersion(rs.getLong("id"), rs.getLong("vdisk_id"), rs.getInt("number"), rs.getInt("parent_number"),
                VersionState.valueOf(rs.getString("state")), rs.getString("file"), rs.getString("note"),
                rs.getLong("created_at"));
    }
}
