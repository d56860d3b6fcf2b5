package org.streamboot.server.model;

/**
 * A virtual disk as the database knows it. The bytes live in the vDisk store.
 *
 * @param currentVersion the version new clients boot; 0 while the vDisk has no version yet
 * @param persistent     whether client write caches survive a reboot (standard mode)
 */
public record Vdisk(long id, String name, VdiskMode mode, long sizeBytes, boolean persistent,
                    int currentVersion, long createdAt) {
}
