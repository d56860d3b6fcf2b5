package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadCacheTest {

    private static final int CHUNK = 4096;
    private final ReadCache cache = new ReadCache(4L * CHUNK, CHUNK, 1);

    @AfterEach
    void close() {
        cache.close();
    }

    private static byte[] read(BlockDevice d, long offset, int length) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(length);
        d.read(offset, buf);
        return buf.array();
    }

    @Test
    void returnsTheLayersBytesForAnyRange() throws Exception {
        byte[] content = TestImages.randomBytes(10 * CHUNK + 123, 1);
        CachedDevice layer = new ReadCache(64L * CHUNK, CHUNK, 1).wrap(new CountingDevice(content), "base");
        Random random = new Random(2);
        for (int i = 0; i < 2000; i++) {
            int offset = random.nextInt(content.length);
            int length = random.nextInt(Math.min(3 * CHUNK, content.length - offset) + 1);
            assertThat(read(layer, offset, length)).isEqualTo(Arrays.copyOfRange(content, offset, offset + length));
        }
        assertThatThrownBy(() -> layer.read(content.length - 1, ByteBuffer.allocate(2)))
                .isInstanceOf(BlockRangeException.class);
    }

    @Test
    void countsHitsMissesAndBytesPerLayer() throws Exception {
        CountingDevice device = new CountingDevice(TestImages.randomBytes(8 * CHUNK, 3));
        CachedDevice layer = cache.wrap(device, "win11-base");
        read(layer, 100, 200);
        read(layer, 300, 10);
        read(layer, CHUNK - 1, 2);
        LayerStats stats = layer.stats();
        assertThat(stats.layer()).isEqualTo("win11-base");
        assertThat(stats.misses()).isEqualTo(2);
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.hitRatio()).isEqualTo(0.5);
        assertThat(stats.bytesCached()).isEqualTo(2L * CHUNK);
        assertThat(device.readOffsets).containsExactly(0L, (long) CHUNK);
        assertThat(layer.contains(CHUNK + 5)).isTrue();
        assertThat(layer.contains(2L * CHUNK)).isFalse();
        assertThat(cache.cachedChunks(layer).stream().toArray()).containsExactly(0, 1);
    }

    @Test
    void evictsBeyondTheByteBudgetAndCountsEvictions() throws Exception {
        CachedDevice a = cache.wrap(new CountingDevice(TestImages.randomBytes(16 * CHUNK, 4)), "a");
        CachedDevice b = cache.wrap(new CountingDevice(TestImages.randomBytes(16 * CHUNK, 5)), "b");
        read(a, 0, 4 * CHUNK);
        read(b, 0, 4 * CHUNK);
        assertThat(cache.bytesCached()).isLessThanOrEqualTo(4L * CHUNK);
        LayerStats sa = a.stats();
        LayerStats sb = b.stats();
        assertThat(sa.bytesCached() + sb.bytesCached()).isEqualTo(cache.bytesCached());
        assertThat(sa.evictions() + sb.evictions()).isEqualTo(4);
        assertThat(cache.allStats()).extracting(LayerStats::layer).containsExactly("a", "b");
    }

    @Test
    void clientsSharingALayerReadEachChunkFromDiskOnce() throws Exception {
        CountingDevice device = new CountingDevice(TestImages.randomBytes(4 * CHUNK, 6));
        CachedDevice layer = cache.wrap(device, "base");
        for (int client = 0; client < 10; client++) {
            read(layer, 0, 4 * CHUNK);
        }
        // The first client's four missing chunks are one read; nobody reads them again.
        assertThat(device.readOffsets).containsExactly(0L);
        assertThat(device.readLengths).containsExactly(4 * CHUNK);
        assertThat(layer.stats().misses()).isEqualTo(4);
        assertThat(layer.stats().hits()).isEqualTo(36);
    }

    @Test
    void aReadLoadsEachRunOfMissingChunksWithOneReadAndKeepsTheHitsBetween() throws Exception {
        byte[] content = TestImages.randomBytes(8 * CHUNK + 100, 7);
        CountingDevice device = new CountingDevice(content);
        CachedDevice layer = cache.wrap(device, "runs");
        read(layer, 2 * CHUNK, CHUNK); // chunk 2 in RAM
        device.readOffsets.clear();
        device.readLengths.clear();
        ByteBuffer all = ByteBuffer.allocate(content.length - 10);
        layer.read(10, all);
        assertThat(all.array()).isEqualTo(Arrays.copyOfRange(content, 10, content.length));
        // Chunks 0-1, then 3-8 (the last one short): chunk 2 came from RAM.
        assertThat(device.readOffsets).containsExactly(0L, 3L * CHUNK);
        assertThat(device.readLengths).containsExactly(2 * CHUNK, 5 * CHUNK + 100);
        assertThat(layer.stats().misses()).isEqualTo(1 + 8);
    }

    @Test
    void refusesWritableLayersAndWrites() throws Exception {
        assertThatThrownBy(() -> cache.wrap(new MemoryDevice(CHUNK), "rw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
        CachedDevice layer = cache.wrap(new CountingDevice(new byte[CHUNK]), "ro");
        assertThatThrownBy(() -> layer.write(0, ByteBuffer.allocate(1))).isInstanceOf(WriteProtectedException.class);
        assertThatThrownBy(() -> layer.trim(0, 1)).isInstanceOf(WriteProtectedException.class);
    }

    @Test
    void closingALayerDropsItsChunksAndClosesTheDevice() throws Exception {
        CountingDevice device = new CountingDevice(new byte[2 * CHUNK]);
        CachedDevice layer = cache.wrap(device, "old version");
        read(layer, 0, 2 * CHUNK);
        layer.close();
        assertThat(device.closed).isTrue();
        assertThat(cache.bytesCached()).isZero();
        assertThat(cache.allStats()).isEmpty();
    }

    @Test
    void prefetchLoadsRangesInOrderWithoutCountingMisses() throws Exception {
        ReadCache big = new ReadCache(64L * CHUNK, CHUNK, 1);
        try {
            CountingDevice device = new CountingDevice(TestImages.randomBytes(32 * CHUNK, 7));
            CachedDevice layer = big.wrap(device, "base");
            List<long[]> ranges = List.of(new long[] {20L * CHUNK, 2L * CHUNK}, new long[] {3L * CHUNK + 7, 1},
                    new long[] {0, CHUNK}, new long[] {-5, 10}, new long[] {1L << 40, 10});
            long loaded = big.prefetch(layer, ranges).get(10, TimeUnit.SECONDS);
            assertThat(loaded).isEqualTo(4L * CHUNK);
            assertThat(device.readOffsets).containsExactly(20L * CHUNK, 21L * CHUNK, 3L * CHUNK, 0L);
            assertThat(layer.stats().prefetchedBytes()).isEqualTo(4L * CHUNK);
            assertThat(layer.stats().misses()).isZero();
            read(layer, 20L * CHUNK, 2 * CHUNK);
            assertThat(layer.stats().hits()).isEqualTo(2);
            assertThat(device.readOffsets).hasSize(4);
        } finally {
            big.close();
        }
    }

    @Test
    void prefetchStopsAtTheCacheBudget() throws Exception {
        CountingDevice device = new CountingDevice(new byte[32 * CHUNK]);
        CachedDevice layer = cache.wrap(device, "base");
        long loaded = cache.prefetch(layer, List.of(new long[] {0, 32L * CHUNK})).get(10, TimeUnit.SECONDS);
        assertThat(loaded).isEqualTo(4L * CHUNK);
        assertThat(device.readOffsets).hasSize(4);
        assertThat(layer.stats().evictions()).isZero();
    }
}
