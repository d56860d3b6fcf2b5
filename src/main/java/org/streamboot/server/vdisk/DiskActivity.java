package org.streamboot.server.vdisk;

import java.util.BitSet;
import org.streamboot.server.block.AccessSnapshot;
import org.streamboot.server.model.MacAddress;

/**
 * One client's use of one vDisk, for the console: which blocks it read and wrote, which blocks
 * of its vDisk version are in the shared RAM read cache, how full its write cache is, how much
 * of the vDisk's boot set it has read.
 *
 * @param bootSetRead fraction (0..1) of the recorded boot set this client has read; -1 when the
 *                    vDisk has no boot profile yet
 * @param readCached  blocks (at the access snapshot's granularity) of the vDisk version now in
 *                    the read cache, taken once per poll; one set is shared by every client of
 *                    that version, so it is read, never changed
 */
public record DiskActivity(MacAddress mac, String client, String vdisk, boolean open, AccessSnapshot access,
                           long writeCacheBytes, long writeCacheQuota, double bootSetRead, BitSet readCached) {

    private static final BitSet NONE = new BitSet();

    public DiskActivity {
        readCached = readCached == null ? NONE : readCached;
    }

    /** Without read-cache figures (a disk the read cache does not serve). */
    public DiskActivity(MacAddress mac, String client, String vdisk, boolean open, AccessSnapshot access,
                        long writeCacheBytes, long writeCacheQuota, double bootSetRead) {
        this(mac, client, vdisk, open, access, writeCacheBytes, writeCacheQuota, bootSetRead, NONE);
    }

    DiskActivity withReadCached(BitSet cached) {
        return new DiskActivity(mac, client, vdisk, open, access, writeCacheBytes, writeCacheQuota, bootSetRead, cached);
    }
}
