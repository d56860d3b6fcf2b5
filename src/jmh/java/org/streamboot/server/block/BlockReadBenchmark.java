package org.streamboot.server.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The block read path a booting client drives, one 4 KiB read at a random aligned offset:
 * <ul>
 * <li>{@code cacheHit}: the chunk is in the shared RAM read cache (a boot after prefetch);</li>
 * <li>{@code cacheMiss}: the cache holds one chunk, so nearly every read loads a 64 KiB chunk
 *     from the base image (from the OS page cache: this measures our overhead, not the disk);</li>
 * <li>{@code overlayHit}: the block was written by the client and is read from its write cache.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BlockReadBenchmark {

    private static final int IMAGE_BYTES = 64 << 20;
    private static final int CHUNK = 64 << 10;
    private static final int READ = 4096;
    private static final int HOT_BYTES = 8 << 20;

    private Path dir;
    private ReadCache bigCache;
    private ReadCache tinyCache;
    private CachedDevice hot;
    private CachedDevice cold;
    private CowOverlay overlay;
    private final ByteBuffer buffer = ByteBuffer.allocate(READ);
    private final Random random = new Random(42);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("streamboot-jmh");
        byte[] image = new byte[IMAGE_BYTES];
        new Random(1).nextBytes(image);
        Path file = Files.write(dir.resolve("base.raw"), image);
        bigCache = new ReadCache(256L << 20, CHUNK, 1);
        tinyCache = new ReadCache(CHUNK, CHUNK, 1);
        hot = bigCache.wrap(RawImage.open(file), "hot");
        cold = tinyCache.wrap(RawImage.open(file), "cold");
        for (long at = 0; at < HOT_BYTES; at += READ) {
            hot.read(at, buffer.clear());
        }
        overlay = CowOverlay.open(dir.resolve("overlay"), hot, Long.MAX_VALUE);
        ByteBuffer block = ByteBuffer.allocate(READ);
        for (long at = 0; at < HOT_BYTES; at += READ) {
            overlay.write(at, block.clear());
        }
        overlay.flush();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        overlay.close();
        hot.close();
        cold.close();
        bigCache.close();
        tinyCache.close();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private long offset(int range) {
        return (long) random.nextInt(range / READ) * READ;
    }

    @Benchmark
    public ByteBuffer cacheHit() throws IOException {
        hot.read(offset(HOT_BYTES), buffer.clear());
        return buffer;
    }

    @Benchmark
    public ByteBuffer cacheMiss() throws IOException {
        cold.read(offset(IMAGE_BYTES), buffer.clear());
        return buffer;
    }

    @Benchmark
    public ByteBuffer overlayHit() throws IOException {
        overlay.read(offset(HOT_BYTES), buffer.clear());
        return buffer;
    }
}
