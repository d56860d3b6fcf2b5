package org.streamboot.server.block;

/**
 * Read-cache figures for one layer, as shown on the console's cache page. Hits and misses count
 * client reads per chunk touched; prefetch loads count only in {@code prefetchedBytes}.
 */
public record LayerStats(String layer, long bytesCached, long hits, long misses, long evictions,
        long prefetchedBytes) {

    /** Share of chunk lookups served from RAM, 0 when nothing was read yet. */
    public double hitRatio() {
        long total = hits + misses;
        return total == 0 ? 0.0 : (double) hits / total;
    }
}
