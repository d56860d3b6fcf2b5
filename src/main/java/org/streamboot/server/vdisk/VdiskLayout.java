package org.streamboot.server.vdisk;

import java.nio.file.Path;

/**
 * Where a data directory keeps disk data:
 *
 * <pre>
 * DATA/vdisks/NAME/v1.raw            version 1, the base image: raw, read-only (mode 0444)
 * DATA/vdisks/NAME/vN.*              later versions (deltas over v(N-1))
 * DATA/writecache/NAME/MAC.*         each client's copy-on-write write cache for that vDisk
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
