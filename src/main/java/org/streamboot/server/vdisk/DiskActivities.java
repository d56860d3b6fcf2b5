package org.streamboot.server.vdisk;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.streamboot.server.block.CachedDevice;
import org.streamboot.server.block.ReadCache;

/** Turns client layers into the console's {@link DiskActivity} figures. */
final class DiskActivities {

    /** One client's figures and the shared base they were read against. */
    record Entry(DiskActivity activity, SharedBase base) {
    }

    private DiskActivities() {
    }

    static Entry of(ClientLayer l, boolean open) {
        var snapshot = l.access.snapshot();
        double bootSet = -1;
        var profile = l.base.profile();
        if (profile != null && profile.chunkCount() > 0) {
            int read = 0;
            int perChunk = Math.max(1, profile.chunkSize() / ClientLayer.ACCESS_GRANULARITY);
            for (long chunk : profile.chunks()) {
                if (snapshot.wasRead(chunk * perChunk)) {
                    read++;
                }
            }
            bootSet = (double) read / profile.chunkCount();
        }
        return new Entry(new DiskActivity(l.mac, l.client, l.base.vdisk, open, snapshot, l.overlay.allocatedBytes(),
                l.overlay.quotaBytes(), bootSet), l.base);
    }

    /**
     * The entries with the read-cached blocks of their base: one pass over the cache for all
     * bases, and one set per base shared by its clients (500 clients of one vDisk cost one set).
     */
    static List<DiskActivity> withReadCache(List<Entry> entries, ReadCache cache) {
        Map<CachedDevice, SharedBase> devices = new IdentityHashMap<>();
        for (Entry e : entries) {
            devices.put(e.base().device, e.base());
        }
        Map<CachedDevice, BitSet> chunks = cache.cachedChunks(devices.keySet());
        Map<CachedDevice, BitSet> blocks = new IdentityHashMap<>();
        List<DiskActivity> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            CachedDevice d = e.base().device;
            BitSet set = blocks.computeIfAbsent(d, x -> toBlocks(chunks.get(x), cache.chunkSize(),
                    e.activity().access().granularity()));
            out.add(e.activity().withReadCached(set));
        }
        return out;
    }

    /** Cache chunks to access-map blocks; both sizes are powers of two. */
    static BitSet toBlocks(BitSet chunks, int chunkSize, int granularity) {
        if (chunks == null || chunkSize == granularity) {
            return chunks == null ? new BitSet() : chunks;
        }
        BitSet out = new BitSet();
        for (int c = chunks.nextSetBit(0); c >= 0; c = chunks.nextSetBit(c + 1)) {
            long from = (long) c * chunkSize / granularity;
            long to = Math.max(from + 1, ((long) c + 1) * chunkSize / granularity);
            if (to <= Integer.MAX_VALUE) {
                out.set((int) from, (int) to);
            }
        }
        return out;
    }
}
