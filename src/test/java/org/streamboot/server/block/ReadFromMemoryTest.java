package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BlockDevice#readFromMemory}: the non-blocking read a Netty event loop may do. It must
 * say no whenever the disk would be needed, leave the buffer's position alone then, and
 * return exactly what {@link BlockDevice#read} returns when it says yes.
 */
class ReadFromMemoryTest {

    private static final int CHUNK = 4096;
    private final ReadCache cache = new ReadCache(64L * CHUNK, CHUNK, 1);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void cachedLayerAnswersOnlyWhenEveryChunkIsInRamAndCountsNoMissForARefusal() throws Exception {
        byte[] content = TestImages.randomBytes(8 * CHUNK, 1);
        CountingDevice device = new CountingDevice(content);
        CachedDevice layer = cache.wrap(device, "base");
        ByteBuffer buf = ByteBuffer.allocate(2 * CHUNK);

        assertThat(layer.readFromMemory(CHUNK / 2, buf)).isFalse();
        assertThat(buf.position()).isZero();
        assertThat(device.readOffsets).isEmpty();
        assertThat(layer.stats().misses() + layer.stats().hits()).isZero();

        layer.read(0, ByteBuffer.allocate(CHUNK)); // chunk 0 only
        assertThat(layer.readFromMemory(CHUNK / 2, buf)).as("chunk 1 is still on disk").isFalse();
        layer.read(CHUNK, ByteBuffer.allocate(2 * CHUNK)); // chunks 1 and 2
        long hitsBefore = layer.stats().hits();

        assertThat(layer.readFromMemory(CHUNK / 2, buf)).isTrue();
        assertThat(buf.position()).isEqualTo(2 * CHUNK);
        assertThat(buf.array()).isEqualTo(Arrays.copyOfRange(content, CHUNK / 2, CHUNK / 2 + 2 * CHUNK));
        assertThat(layer.stats().hits() - hitsBefore).isEqualTo(3);
        assertThat(device.readOffsets).containsExactly(0L, (long) CHUNK); // chunks 1 and 2 in one read
    }

    @Test
    void overlayAnswersFromRamForUntouchedAndTrimmedBlocksButNotForItsDataFile() throws Exception {
        byte[] content = TestImages.randomBytes(16 * CowOverlay.BLOCK_SIZE, 2);
        try (CowOverlay overlay = CowOverlay.open(dir.resolve("o"), new MemoryDevice(content, true), Long.MAX_VALUE)) {
            ByteBuffer buf = ByteBuffer.allocate(4 * CowOverlay.BLOCK_SIZE);
            assertThat(overlay.readFromMemory(0, buf)).isTrue();
            assertThat(buf.array()).isEqualTo(Arrays.copyOf(content, buf.capacity()));

            overlay.trim(CowOverlay.BLOCK_SIZE, CowOverlay.BLOCK_SIZE);
            buf.clear();
            assertThat(overlay.readFromMemory(0, buf)).isTrue();
            byte[] expected = Arrays.copyOf(content, buf.capacity());
            Arrays.fill(expected, CowOverlay.BLOCK_SIZE, 2 * CowOverlay.BLOCK_SIZE, (byte) 0);
            assertThat(buf.array()).isEqualTo(expected);

            overlay.write(3 * CowOverlay.BLOCK_SIZE + 10, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            buf.clear();
            assertThat(overlay.readFromMemory(0, buf)).as("block 3 lives in the data file").isFalse();
            assertThat(buf.position()).isZero();
            assertThat(overlay.readFromMemory(0, buf.limit(3 * CowOverlay.BLOCK_SIZE))).isTrue();
        }
    }

    @Test
    void overlayOverADiskLayerSaysNoAndLeavesThePositionAlone() throws Exception {
        byte[] content = TestImages.randomBytes(8 * CowOverlay.BLOCK_SIZE, 3);
        try (CowOverlay overlay = CowOverlay.open(dir.resolve("o"), new CountingDevice(content), Long.MAX_VALUE)) {
            ByteBuffer buf = ByteBuffer.allocate(100);
            buf.position(7);
            assertThat(overlay.readFromMemory(5, buf)).isFalse();
            assertThat(buf.position()).isEqualTo(7);
        }
    }

    @Test
    void cachedLayerLendsItsChunksOnlyWhenEveryOneIsInRam() throws Exception {
        byte[] content = TestImages.randomBytes(8 * CHUNK, 11);
        CountingDevice device = new CountingDevice(content);
        CachedDevice layer = cache.wrap(device, "base");
        assertThat(layer.viewFromMemory(CHUNK / 2, 2 * CHUNK)).isNull();
        assertThat(layer.stats().misses() + layer.stats().hits()).isZero();
        assertThat(device.readOffsets).isEmpty();

        layer.read(0, ByteBuffer.allocate(3 * CHUNK));
        long hitsBefore = layer.stats().hits();
        MemoryView view = layer.viewFromMemory(CHUNK / 2, 2 * CHUNK);
        assertThat(view).isNotNull();
        assertThat(layer.stats().hits() - hitsBefore).isEqualTo(3);
        CachedChunk first = cache.acquireIfCached(layer, 0);
        assertThat(first.references()).as("the cache's, the view's and this test's").isEqualTo(3);
        ByteBuffer got = ByteBuffer.allocate(2 * CHUNK);
        view.copyTo(0, 2 * CHUNK, got);
        assertThat(got.array()).isEqualTo(Arrays.copyOfRange(content, CHUNK / 2, CHUNK / 2 + 2 * CHUNK));
        view.release();
        assertThat(first.references()).isEqualTo(2);
        first.release();
        assertThat(layer.viewFromMemory(2 * CHUNK, 2 * CHUNK)).as("chunk 3 is still on disk").isNull();
        assertThat(cache.acquireIfCached(layer, 2).references()).as("a refused view keeps nothing").isEqualTo(2);
    }

    @Test
    void overlayLendsTheLayerBelowOnlyForBlocksTheClientNeverTouched() throws Exception {
        int block = CowOverlay.BLOCK_SIZE;
        byte[] content = TestImages.randomBytes(16 * block, 12);
        CachedDevice base = cache.wrap(new MemoryDevice(content, true), "base");
        base.read(0, ByteBuffer.allocate(content.length));
        try (CowOverlay overlay = CowOverlay.open(dir.resolve("o"), base, Long.MAX_VALUE)) {
            MemoryView whole = overlay.viewFromMemory(0, 4 * block);
            assertThat(whole).isNotNull();
            whole.release();

            overlay.trim(block, block);
            assertThat(overlay.viewFromMemory(0, 4 * block)).as("block 1 reads as zeros now").isNull();
            overlay.write(3 * block + 10, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertThat(overlay.viewFromMemory(3 * block - 1, 2)).as("block 3 lives in the data file").isNull();

            MemoryView untouched = overlay.viewFromMemory(2 * block, block);
            assertThat(untouched).isNotNull();
            ByteBuffer got = ByteBuffer.allocate(block);
            untouched.copyTo(0, block, got);
            untouched.release();
            assertThat(got.array()).isEqualTo(Arrays.copyOfRange(content, 2 * block, 3 * block));
        }
    }

    /** Random reads and writes through the whole client chain: the three read paths (read, readFromMemory, a view) agree with a model. */
    @Test
    void theClientChainReadsTheSameThroughEitherPath() throws Exception {
        int size = 64 * CHUNK;
        byte[] model = TestImages.randomBytes(size, 4);
        CachedDevice base = cache.wrap(new CountingDevice(model.clone()), "base");
        BootProfileRecorder profile = new BootProfileRecorder(base, CHUNK, Long.MAX_VALUE, Duration.ofHours(1));
        try (AccessRecorder client = new AccessRecorder(CowOverlay.open(dir.resolve("c"), profile, Long.MAX_VALUE), CHUNK)) {
            Random random = new Random(5);
            int fromMemory = 0;
            int viewed = 0;
            for (int i = 0; i < 3000; i++) {
                int offset = random.nextInt(size);
                int length = random.nextInt(Math.min(3 * CHUNK, size - offset) + 1);
                if (random.nextInt(10) == 0 && offset < size / 2) {
                    // Writes stay in the first half, so the second half keeps reading from RAM.
                    byte[] bytes = TestImages.randomBytes(length, i);
                    client.write(offset, ByteBuffer.wrap(bytes));
                    System.arraycopy(bytes, 0, model, offset, length);
                    continue;
                }
                ByteBuffer buf = ByteBuffer.allocate(length);
                MemoryView view = random.nextBoolean() ? client.viewFromMemory(offset, length) : null;
                if (view != null) {
                    viewed++;
                    view.copyTo(0, length, buf);
                    view.release();
                } else if (client.readFromMemory(offset, buf)) {
                    fromMemory++;
                } else {
                    assertThat(buf.position()).isZero();
                    client.read(offset, buf);
                }
                assertThat(buf.position()).isEqualTo(length);
                assertThat(buf.array()).isEqualTo(Arrays.copyOfRange(model, offset, offset + length));
            }
            assertThat(fromMemory).as("some reads were served from RAM").isGreaterThan(300);
            assertThat(viewed).as("some reads were lent the cache's memory").isGreaterThan(300);
            assertThat(client.snapshot().readRequests()).isGreaterThan(2000);
        }
        assertThat(profile.profile().chunkCount()).isPositive();
    }
}
