package org.streamboot.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.streamboot.server.db.Database;

/**
 * The boot events the running server wrote into its database (it persists them in batches
 * every half second), read through a read-only connection of our own: exactly what the
 * console would show for a PC.
 */
final class BootEventLog {

    /** One event; {@code at} is the server's clock in epoch milliseconds. */
    record Event(String mac, String stage, String severity, String detail, long at) {
        @Override
        public String toString() {
            return stage + " " + severity + " " + (mac == null ? "-" : mac) + " " + detail;
        }
    }

    private final Path database;

    BootEventLog(Path dataDir) {
        this.database = dataDir.resolve(Database.FILE_NAME);
    }

    List<Event> all() {
        List<Event> events = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
             PreparedStatement q = c.prepareStatement("SELECT mac, stage, severity, detail, at FROM boot_events ORDER BY id");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                events.add(new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read boot events from " + database + ": " + e.getMessage(), e);
        }
        return events;
    }

    /**
     * When each stage first happened, in seconds after the PC's first event, in the order the
     * stages came: {@code DHCP+0.00 SCRIPT+0.21 DISK_ATTACHED+0.25}.
     */
    static String stageOffsets(List<Event> events) {
        if (events.isEmpty()) {
            return "(no events)";
        }
        long first = events.getFirst().at();
        java.util.Map<String, Long> firstAt = new java.util.LinkedHashMap<>();
        events.forEach(e -> firstAt.putIfAbsent(e.stage(), e.at()));
        StringBuilder out = new StringBuilder();
        firstAt.forEach((stage, at) -> out.append(out.isEmpty() ? "" : " ").append(String.format("%s+%.2f", stage, (at - first) / 1000.0)));
        return out.toString();
    }

    List<Event> of(String mac) {
        return all().stream().filter(e -> mac.equalsIgnoreCase(e.mac())).toList();
    }

    /** Waits until events of every stage in {@code stages} were recorded for {@code mac}; returns that PC's events. */
    List<Event> awaitStages(String mac, Set<String> stages, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Event> events = of(mac);
            Set<String> seen = events.stream().map(Event::stage).collect(Collectors.toSet());
            if (seen.containsAll(stages)) {
                return events;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("boot events for " + mac + " lack " + stages + "; recorded: " + events);
            }
            Thread.sleep(200);
        }
    }
}
