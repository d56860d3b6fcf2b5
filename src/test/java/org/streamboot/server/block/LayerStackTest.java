package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layers as a client session stacks them: base image, shared read cache, boot profile
 * recorder, the client's overlay, the access recorder on top. Two clients boot; the second is
 * served from RAM after a prefetch of the first one's profile, and the base never changes.
 */
class LayerStackTest {

    private static final int CHUNK = 65536;
    private static final int SIZE = 64 * CHUNK;

    @TempDir
    Path dir;

    @Test
    void twoClientsShareABaseThroughTheCache() throws Exception {
        byte[] baseContent = TestImages.randomBytes(SIZE, 11);
        Path baseFile = TestImages.writeImage(dir, "base.img", baseContent);
        String hash = TestImages.sha256(baseFile);
        try (ReadCache cache = new ReadCache(16L * CHUNK, CHUNK, 1)) {
            CachedDevice base = cache.wrap(RawImage.open(baseFile), "base");

            BootProfileRecorder profiler = new BootProfileRecorder(base, CHUNK, 8L * CHUNK, Duration.ofMinutes(2));
            AccessRecorder client1 = new AccessRecorder(CowOverlay.open(dir.resolve("c1"), profiler, Long.MAX_VALUE),
                    CowOverlay.BLOCK_SIZE);
            bootLike(client1);
            client1.close();
            BootProfile profile = profiler.profile();
            // Chunk 3 is there because the unaligned write copied its blocks up from the base.
            assertThat(profile.chunks()).containsExactly(0, 10, 11, 3, 40);
            AccessSnapshot snap = client1.snapshot();
            assertThat(snap.wasWritten(3 * CHUNK / CowOverlay.BLOCK_SIZE)).isTrue();

            // Restart the cache contents, then warm them from the profile as a server start would.
            base.close();
            CachedDevice base2 = cache.wrap(RawImage.open(baseFile), "base v2");
            assertThat(cache.prefetch(base2, profile.toRanges()).get(10, TimeUnit.SECONDS)).isEqualTo(5L * CHUNK);
            try (CowOverlay client2 = CowOverlay.open(dir.resolve("c2"), base2, Long.MAX_VALUE)) {
                bootLike(client2);
                assertThat(base2.stats().misses()).isZero();
                assertThat(base2.stats().hits()).isPositive();
            }
            base2.close();
        }
        assertThat(TestImages.sha256(baseFile)).isEqualTo(hash);
    }

    /** Reads the boot sector, a kernel, the registry; writes a log; reads a driver. */
    private static void bootLike(BlockDevice disk) throws Exception {
        disk.read(0, ByteBuffer.allocate(512));
        disk.read(10L * CHUNK, ByteBuffer.allocate(2 * CHUNK));
        disk.write(3L * CHUNK + 100, ByteBuffer.wrap(new byte[5000]));
        disk.read(40L * CHUNK + 7, ByteBuffer.allocate(100));
        disk.read(3L * CHUNK, ByteBuffer.allocate(4096));
        disk.flush();
    }
}
