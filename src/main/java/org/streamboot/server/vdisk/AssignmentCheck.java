package org.streamboot.server.vdisk;

import java.sql.Connection;
import java.sql.SQLException;
import org.streamboot.server.db.AssignmentRepository;
import org.streamboot.server.model.Assignment;
import org.streamboot.server.model.Client;

/** Whether a vDisk is offered to a client, directly or through the client's group. */
final class AssignmentCheck {

    private static final AssignmentRepository assignments = new AssignmentRepository();

    private AssignmentCheck() {
    }

    static boolean assigned(Connection c, Client client, long vdiskId) throws SQLException {
        for (Assignment a : assignments.ofVdisk(c, vdiskId)) {
            boolean mine = switch (a.target()) {
                case Assignment.ToClient tc -> tc.clientId() == client.id();
                case Assignment.ToGroup tg -> client.groupId().isPresent() && client.groupId().get() == tg.groupId();
            };
            if (mine) {
                return true;
            }
        }
        return false;
    }
}
