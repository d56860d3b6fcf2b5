package org.streamboot.server.vdisk;

import org.streamboot.server.block.AccessSnapshot;
import org.streamboot.server.model.MacAddress;

/**
 * One client's use of one vDisk, for the console: which blocks it read and wrote, how full its
 * write cache is, how much of the vDisk's boot set it has read.
 *
 * @param bootSetRead fraction (0..1) of the recorded boot set this client has read; -1 when the
 *                    vDisk has no boot profile yet
 */
public record DiskActivity(MacAddress mac, String client, String vdisk, boolean open, AccessSnapshot access,
                           long writeCacheBytes, long writeCacheQuota, double bootSetRead) {
}
