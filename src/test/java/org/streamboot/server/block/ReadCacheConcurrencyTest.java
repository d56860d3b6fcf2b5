package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The off-heap read cache against a model (the images' bytes) while readers and evictions race:
 * a budget of a few chunks makes almost every read evict chunks that other readers are copying
 * from or hold views of. Every read must return the image's bytes, and once the cache is emptied every slot must
 * be free again (no reference kept, none released twice).
 */
class ReadCacheConcurrencyTest {

    private static final int CHUNK = 4096;

    @Test
    void concurrentReadersAndEvictionsReturnTheModelsBytes() throws Exception {
        ReadCache cache = new ReadCache(6L * CHUNK, CHUNK, 1);
        byte[][] images = {TestImages.randomBytes(40 * CHUNK + 321, 7), TestImages.randomBytes(17 * CHUNK, 8)};
        CachedDevice[] layers = {cache.wrap(new MemoryDevice(images[0], true), "a"),
                cache.wrap(new MemoryDevice(images[1], true), "b")};
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int seed = t;
                readers.add(pool.submit(() -> readAtRandom(layers, images, new Random(seed), 3000)));
            }
            int served = 0;
            for (Future<Integer> f : readers) {
                served += f.get();
            }
            assertThat(served).isEqualTo(6 * 3000);
        } finally {
            pool.shutdownNow();
        }
        assertThat(layers[0].stats().evictions() + layers[1].stats().evictions()).isPositive();
        assertThat(cache.bytesCached()).isLessThanOrEqualTo(6L * CHUNK);
        // Slots in use never exceed the budget plus what six readers can hold at once.
        assertThat(cache.memory().bytesReserved()).isLessThanOrEqualTo((6L + 6 * cache.maxRunChunks() + 6 * 4) * CHUNK);
        cache.close();
        assertThat((long) cache.memory().freeSlots() * CHUNK).isEqualTo(cache.memory().bytesReserved());
    }

    private static int readAtRandom(CachedDevice[] layers, byte[][] images, Random random, int reads) throws Exception {
        for (int i = 0; i < reads; i++) {
            int which = random.nextInt(layers.length);
            byte[] image = images[which];
            int offset = random.nextInt(image.length);
            int length = random.nextInt(Math.min(5 * CHUNK, image.length - offset) + 1);
            ByteBuffer into = random.nextBoolean() ? ByteBuffer.allocateDirect(length + 16) : ByteBuffer.allocate(length + 16);
            into.position(random.nextInt(16)).limit(into.position() + length);
            int start = into.position();
            int path = random.nextInt(4);
            MemoryView view = path == 1 ? layers[which].viewFromMemory(offset, length) : null;
            if (view != null) {
                // Other readers evict and reload meanwhile: the view's slots must not change.
                Thread.yield();
                view.copyTo(0, length, into);
                view.release();
            }
            boolean fromMemory = view != null || path == 0 && layers[which].readFromMemory(offset, into);
            if (!fromMemory) {
                into.position(start);
                layers[which].read(offset, into);
            }
            assertThat(into.position()).isEqualTo(start + length);
            byte[] got = new byte[length];
            into.get(start, got);
            if (!Arrays.equals(got, Arrays.copyOfRange(image, offset, offset + length))) {
                throw new AssertionError("wrong bytes at " + offset + "+" + length + " of layer " + which);
            }
        }
        return reads;
    }

    @Test
    void aChunkBeingCopiedKeepsItsSlotWhenTheCacheDropsIt() throws Exception {
        ReadCache cache = new ReadCache(2L * CHUNK, CHUNK, 1);
        byte[] image = TestImages.randomBytes(8 * CHUNK, 9);
        CachedDevice layer = cache.wrap(new MemoryDevice(image, true), "a");
        CachedDevice other = cache.wrap(new MemoryDevice(TestImages.randomBytes(8 * CHUNK, 10), true), "b");
        layer.read(0, ByteBuffer.allocate(CHUNK));
        CachedChunk held = cache.acquireIfCached(layer, 0);
        assertThat(held).isNotNull();
        cache.dropLayer(layer.layerId());
        assertThat(cache.acquireIfCached(layer, 0)).isNull();
        // Loads into free slots: the held one must not be among them.
        for (int i = 0; i < 8; i++) {
            other.read((long) i * CHUNK, ByteBuffer.allocate(CHUNK));
        }
        ByteBuffer copy = ByteBuffer.allocate(CHUNK);
        held.copyTo(0, copy, CHUNK);
        assertThat(copy.array()).isEqualTo(Arrays.copyOf(image, CHUNK));
        int freeWhileHeld = cache.memory().freeSlots();
        held.release();
        assertThat(cache.memory().freeSlots()).isEqualTo(freeWhileHeld + 1);
        assertThat(held.acquire()).as("a freed chunk is never acquired again").isFalse();
        cache.close();
        assertThat((long) cache.memory().freeSlots() * CHUNK).isEqualTo(cache.memory().bytesReserved());
    }
}
