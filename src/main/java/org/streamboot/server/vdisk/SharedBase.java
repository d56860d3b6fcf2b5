package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.BootProfile;
import org.streamboot.server.block.BootProfileCodec;
import org.streamboot.server.block.CachedDevice;
import org.streamboot.server.block.ReadCache;

/**
 * One vDisk version's read-only base, opened once and shared by every client through the RAM
 * read cache, with the boot profile that tells the cache what to load first.
 */
final class SharedBase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedBase.class);

    final String vdisk;
    final int version;
    final CachedDevice device;
    final Path profileFile;
    private final ReadCache cache;
    private volatile BootProfile profile;

    private SharedBase(String vdisk, int version, CachedDevice device, Path profileFile, ReadCache cache, BootProfile profile) {
        this.vdisk = vdisk;
        this.version = version;
        this.device = device;
        this.profileFile = profileFile;
        this.cache = cache;
        this.profile = profile;
    }

    /** @param chain the version's read-only layers; the shared base owns and closes it */
    static SharedBase open(String vdisk, int version, BlockDevice chain, Path profileFile, ReadCache cache) {
        CachedDevice device = cache.wrap(chain, vdisk + " v" + version);
        BootProfile profile = null;
        if (Files.exists(profileFile)) {
            try {
                profile = BootProfileCodec.load(profileFile);
            } catch (IOException e) {
                log.warn("Boot profile {} unusable ({}); a new one is recorded at the next boot", profileFile, e.getMessage());
            }
        }
        return new SharedBase(vdisk, version, device, profileFile, cache, profile);
    }

    BootProfile profile() {
        return profile;
    }

    /** Loads the boot set into the RAM cache in boot order, in the background. */
    void prefetch() {
        BootProfile p = profile;
        if (p != null && p.chunkCount() > 0) {
            cache.prefetch(device, p.toRanges()).whenComplete((bytes, failure) -> {
                if (failure == null) {
                    log.info("Prefetched {} bytes of {} v{} in boot order", bytes, vdisk, version);
                }
            });
        }
    }

    /** Keeps the profile of a boot that read more than the one we have (the first boot, or a longer one). */
    void offer(BootProfile recorded) {
        BootProfile current = profile;
        if (recorded.chunkCount() == 0 || current != null && current.chunkCount() >= recorded.chunkCount()) {
            return;
        }
        try {
            BootProfileCodec.save(recorded, profileFile);
            profile = recorded;
        } catch (IOException e) {
            log.warn("Cannot save the boot profile {}: {}", profileFile, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        device.close();
    }
}
