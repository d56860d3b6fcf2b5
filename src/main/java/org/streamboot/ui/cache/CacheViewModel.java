package org.streamboot.ui.cache;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.streamboot.server.block.LayerStats;
import org.streamboot.server.vdisk.DiskActivity;
import org.streamboot.ui.detail.ClientDetailViewModel;
import org.streamboot.ui.shell.CacheFigures;
import org.streamboot.ui.sidebar.SidebarViewModel;

/**
 * The cache panel's figures; plain Java, no toolkit. Keeps a short history of the read cache's
 * hit ratio, measured per poll (hits and misses since the previous poll), so the chart shows
 * how the cache does now rather than an average that stops moving after the first hour.
 */
public final class CacheViewModel {

    /** Points kept for the chart: two minutes at the console's two polls a second. */
    public static final int HISTORY = 240;

    /** One vDisk's part of the read cache. */
    public record Share(String vdisk, long bytes, double fraction) {
    }

    /** One client's write cache against its quota. */
    public record WriteCacheBar(String client, String vdisk, String text, double fraction, boolean warning) {
    }

    private final ArrayDeque<Double> history = new ArrayDeque<>();
    private long lastHits = -1;
    private long lastMisses = -1;
    private double lastRatio = -1;

    /** Takes one poll's figures into the history. */
    public void update(CacheFigures figures) {
        long hits = figures.layers().stream().mapToLong(LayerStats::hits).sum();
        long misses = figures.layers().stream().mapToLong(LayerStats::misses).sum();
        if (lastHits >= 0 && hits >= lastHits && misses >= lastMisses) {
            long h = hits - lastHits;
            long m = misses - lastMisses;
            // No reads since the last poll: the ratio did not change, so the line stays level.
            if (h + m > 0) {
                lastRatio = (double) h / (h + m);
            }
        } else if (hits + misses > 0) {
            lastRatio = (double) hits / (hits + misses);
        }
        lastHits = hits;
        lastMisses = misses;
        if (lastRatio >= 0) {
            history.addLast(lastRatio);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
    }

    /** Hit ratios, oldest first, each 0..1. */
    public List<Double> history() {
        return List.copyOf(history);
    }

    /** "1.2 GiB of 4 GiB (30 %)". */
    public static String usage(CacheFigures f) {
        if (f.maxBytes() <= 0) {
            return "Read cache off";
        }
        return SidebarViewModel.size(f.bytesCached()) + " of " + SidebarViewModel.size(f.maxBytes())
                + String.format(Locale.ROOT, " (%d %%)", Math.round(100.0 * f.bytesCached() / f.maxBytes()));
    }

    public String hitRatio() {
        return lastRatio < 0 ? "Hit ratio: no reads yet" : String.format(Locale.ROOT, "Hit ratio: %.0f %%", 100 * lastRatio);
    }

    /**
     * Each vDisk's part of the cache, largest first. Layers are named "{vdisk} v{version}"; the
     * versions of one vDisk add up.
     */
    public static List<Share> shares(CacheFigures f) {
        Map<String, Long> byVdisk = new LinkedHashMap<>();
        for (LayerStats s : f.layers()) {
            byVdisk.merge(vdiskOf(s.layer()), s.bytesCached(), Long::sum);
        }
        long total = byVdisk.values().stream().mapToLong(Long::longValue).sum();
        List<Share> out = new ArrayList<>();
        byVdisk.forEach((v, b) -> out.add(new Share(v, b, total == 0 ? 0 : (double) b / total)));
        out.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return out;
    }

    static String vdiskOf(String layer) {
        int space = layer.lastIndexOf(" v");
        return space > 0 && layer.substring(space + 2).chars().allMatch(Character::isDigit) ? layer.substring(0, space) : layer;
    }

    /** Every client's write cache, fullest first. */
    public static List<WriteCacheBar> writeCaches(List<DiskActivity> disks) {
        List<WriteCacheBar> out = new ArrayList<>();
        for (DiskActivity d : disks) {
            out.add(new WriteCacheBar(d.client(), d.vdisk(), ClientDetailViewModel.writeCache(d.writeCacheBytes(), d.writeCacheQuota()),
                    ClientDetailViewModel.share(d.writeCacheBytes(), d.writeCacheQuota()),
                    ClientDetailViewModel.warning(d.writeCacheBytes(), d.writeCacheQuota())));
        }
        out.sort((a, b) -> Double.compare(b.fraction(), a.fraction()));
        return out;
    }
}
