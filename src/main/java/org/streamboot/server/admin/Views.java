package org.streamboot.server.admin;

import java.util.List;

/** What the admin sees of the database: flat, named, ready for a table, JSON or the console. */
public final class Views {

    private Views() {
    }

    /**
     * @param vdisks        the vDisks this client may boot, in menu order: its own, then its group's
     * @param defaultVdisk  the one booted when nobody chooses, or null when it has none
     */
    public record ClientView(String name, String mac, String iqn, String group, String registration, String firmware,
                             String lastIp, long lastSeenAt, List<String> vdisks, String defaultVdisk) {
    }

    public record GroupView(String name, int clients, List<String> vdisks, String defaultVdisk) {
    }

    public record VdiskView(String name, String mode, long sizeBytes, boolean persistent, int currentVersion,
                            int versions, List<String> assignedTo) {
    }

    /** @param to "client NAME" or "group NAME" */
    public record AssignmentView(String to, String vdisk, boolean isDefault, int position) {
    }
}
