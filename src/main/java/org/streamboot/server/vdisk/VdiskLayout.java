package org.streamboot.server.vdisk;

import java.nio.file.Path;

/**
 * Where a data directory keeps disk data:
 *
 * <pre>
 * DATA/vdisks/NAME/v1.raw            version 1, the base image: raw, read-only (mode 0444)
 * DATA/vdisks/NAME/vN/               a later version: a CowOverlay delta over its parent version
 * DATA/vdisks/NAME/vM.raw            after a merge: the flattened chain, the only version
 * DATA/vdisks/NAME/vN.bootprofile    what a boot of version N reads first, for prefetch
 * DATA/vdisks/NAME/sessions.lock     held by the server while clients have NAME open
 * DATA/vdisks/NAME/draft.lock        held while the maintenance client has the draft open
 * DATA/writecache/NAME/MAC/          each client's copy-on-write write cache for that vDisk,
 *                                    with base-version: the version it was written against
 * DATA/tmp/                          imports in progress; removed on failure or cancel
 * </pre>
 *
 * Paths stored in the database are relative to DATA, so a data directory can be moved.
 */
public record VdiskLayout(Path dataDir) {

    public Path vdiskDir(String vdisk) {
        return dataDir.resolve("vdisks").resolve(vdisk);
    }

    public Path baseImage(String vdisk) {
        return vdiskDir(vdisk).resolve("v1.raw");
    }

    /** A merged base: the whole disk as one raw file. */
    public Path rawVersion(String vdisk, int number) {
        return vdiskDir(vdisk).resolve("v" + number + ".raw");
    }

    /** A delta version: a copy-on-write overlay directory over its parent. */
    public Path deltaVersion(String vdisk, int number) {
        return vdiskDir(vdisk).resolve("v" + number);
    }

    public Path bootProfile(String vdisk, int number) {
        return vdiskDir(vdisk).resolve("v" + number + ".bootprofile");
    }

    public Path sessionsLock(String vdisk) {
        return vdiskDir(vdisk).resolve("sessions.lock");
    }

    public Path draftLock(String vdisk) {
        return vdiskDir(vdisk).resolve("draft.lock");
    }

    public Path writeCacheDir(String vdisk) {
        return dataDir.resolve("writecache").resolve(vdisk);
    }

    public Path tmpDir() {
        return dataDir.resolve("tmp");
    }

    public String relative(Path file) {
        return dataDir.relativize(file).toString();
    }

    public Path resolve(String relative) {
        return dataDir.resolve(relative);
    }
}
