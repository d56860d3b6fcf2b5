package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads write disjoint, unaligned ranges that share 4 KiB blocks; all start on
 * never-written blocks, where each write is a read-modify-write of the whole block. Without
 * the per-block locks, one thread's copy-up would overwrite another's bytes with base data.
 */
class CowOverlayConcurrencyTest {

    private static final int BLOCKS = 64;
    private static final int SIZE = BLOCKS * CowOverlay.BLOCK_SIZE;
    private static final int THREADS = 8;
    /** Each block is split into slices of this many bytes, owned round-robin by the threads. */
    private static final int SLICE = 97;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentWritersSharingBlocksLoseNothing() throws Exception {
        for (int round = 0; round < 5; round++) {
            runRound(round);
        }
    }

    private void runRound(int round) throws Exception {
        byte[] baseContent = TestImages.randomBytes(SIZE, round);
        Path baseFile = TestImages.writeImage(dir, "base" + round + ".img", baseContent);
        byte[] expected = baseContent.clone();
        List<List<long[]>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            work.add(new ArrayList<>());
        }
        int slice = 0;
        for (int offset = 0; offset < SIZE; offset += SLICE, slice++) {
            int length = Math.min(SLICE, SIZE - offset);
            work.get(slice % THREADS).add(new long[] {offset, length});
            for (int i = 0; i < length; i++) {
                expected[offset + i] = valueFor(slice % THREADS, offset + i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (RawImage base = RawImage.open(baseFile);
                CowOverlay overlay = CowOverlay.open(dir.resolve("ov" + round), base, Long.MAX_VALUE)) {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                List<long[]> mine = new ArrayList<>(work.get(t));
                java.util.Collections.shuffle(mine, new Random(round * 100L + t));
                futures.add(pool.submit(() -> {
                    start.await();
                    for (long[] range : mine) {
                        byte[] data = new byte[(int) range[1]];
                        for (int i = 0; i < data.length; i++) {
                            data[i] = valueFor(thread, range[0] + i);
                        }
                        overlay.write(range[0], ByteBuffer.wrap(data));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            TestImages.assertSameBytes(TestImages.readAll(overlay), expected, "round " + round);
            assertThat(overlay.allocatedBytes()).isEqualTo(SIZE);
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte valueFor(int thread, long position) {
        return (byte) (thread * 31 + position * 7 + 1);
    }
}
