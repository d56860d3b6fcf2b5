package org.streamboot.server.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.model.BootEvent.Severity;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;

/** The bounded boot history (a trigger keeps the newest rows; see the V1 migration). */
public final class BootEventRepository {

    public void insert(Connection c, BootEvent e) throws SQLException {
        Rows.update(c, "INSERT INTO boot_events(at, mac, stage, severity, detail) VALUES (?, ?, ?, ?, ?)",
                e.at(), e.mac() == null ? null : e.mac().value(), e.stage(), e.severity(), e.detail());
    }

    /** The newest {@code limit} events of one client, oldest first. */
    public List<BootEvent> ofClient(Connection c, MacAddress mac, int limit) throws SQLException {
        return Rows.list(c, BootEventRepository::map,
                "SELECT * FROM (SELECT * FROM boot_events WHERE mac = ? ORDER BY id DESC LIMIT ?) ORDER BY id", mac.value(), limit);
    }

    public List<BootEvent> newest(Connection c, int limit) throws SQLException {
        return Rows.list(c, BootEventRepository::map,
                "SELECT * FROM (SELECT * FROM boot_events ORDER BY id DESC LIMIT ?) ORDER BY id", limit);
    }

    public long count(Connection c) throws SQLException {
        return Rows.one(c, rs -> rs.getLong(1), "SELECT COUNT(*) FROM boot_events").orElse(0L);
    }

    private static BootEvent map(ResultSet rs) throws SQLException {
        String mac = rs.getString("mac");
        return new BootEvent(rs.getLong("at"), mac == null ? null : new MacAddress(mac), BootStage.valueOf(rs.getString("stage")),
                Severity.valueOf(rs.getString("severity")), rs.getString("detail"));
    }
}
