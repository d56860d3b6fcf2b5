package org.streamboot.server.block;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One RAM cache shared by all read-only layers (base images and version layers), weighed in
 * bytes, so that forty clients booting the same image read each chunk from disk once.
 * Entries are whole chunks keyed by (layer id, chunk index); {@link #wrap} makes a layer.
 *
 * <p>Only read-only layers may be cached: nothing invalidates a chunk on write, because a
 * layer that can change must never be shared between clients in the first place.
 *
 * <p>Loads happen on the reading thread (never a Netty event loop: targets call the block
 * layer from an executor), outside Caffeine's compute lock, so a slow disk read of one chunk
 * does not block lookups of other chunks. Two threads missing the same chunk at once may both
 * read it; the first one stored wins. A run of neighbouring missing chunks is loaded with one
 * positional read, straight into the reader's buffer when the run lies inside it: one system
 * call instead of one per chunk. Chunks live off the heap ({@link ChunkMemory}) and are
 * reference counted ({@link CachedChunk}), so an eviction never frees a chunk being copied.
 */
public final class ReadCache implements AutoCloseable {

    /** The longest run of missing chunks loaded with one read. */
    private static final int MAX_RUN_BYTES = 1 << 20;
    /** Direct buffers kept for loads; more loads at once allocate and drop their own. */
    private static final int SPARE_RUN_BUFFERS = 16;

    private final int chunkSize;
    private final int maxRunChunks;
    private final BlockingQueue<ByteBuffer> spareRunBuffers = new ArrayBlockingQueue<>(SPARE_RUN_BUFFERS);
    private final long maxBytes;
    private final ChunkMemory memory;
    private final Cache<ChunkKey, CachedChunk> chunks;
    private final Map<Integer, Counters> layers = new ConcurrentHashMap<>();
    private final AtomicInteger nextLayerId = new AtomicInteger();
    private final ThreadPoolExecutor prefetcher;

    /**
     * @param maxBytes       RAM budget for cached chunks
     * @param chunkSize      bytes per entry, a power of two (64 KiB is a good fit for boot reads)
     * @param prefetchThreads threads loading boot profiles in the background
     */
    public ReadCache(long maxBytes, int chunkSize, int prefetchThreads) {
        if (Integer.bitCount(chunkSize) != 1 || chunkSize < 512) {
            throw new IllegalArgumentException("chunk size must be a power of two >= 512: " + chunkSize);
        }
        if (maxBytes < 0 || prefetchThreads < 1) {
            throw new IllegalArgumentException("bad cache settings: maxBytes=" + maxBytes + " threads=" + prefetchThreads);
        }
        this.chunkSize = chunkSize;
        this.maxRunChunks = Math.max(1, MAX_RUN_BYTES / chunkSize);
        this.maxBytes = maxBytes;
        this.memory = new ChunkMemory(chunkSize, maxBytes);
        this.chunks = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((ChunkKey k, CachedChunk v) -> v.length())
                // Run maintenance and listeners on the calling thread: the statistics are then
                // exact when a read returns, and no common-pool thread is borrowed.
                .executor(Runnable::run)
                .removalListener(this::onRemoval)
                .build();
        this.prefetcher = new ThreadPoolExecutor(prefetchThreads, prefetchThreads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(64), Thread.ofPlatform().daemon().name("block-prefetch-", 0).factory());
        this.prefetcher.allowCoreThreadTimeOut(true);
    }

    public int chunkSize() {
        return chunkSize;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes held for all layers together. */
    public long bytesCached() {
        return chunks.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /**
     * Puts a read-only device behind this cache under a new layer id. The returned device owns
     * {@code device}: closing it drops the layer's chunks and closes {@code device}.
     */
    public CachedDevice wrap(BlockDevice device, String layerName) {
        if (!device.readOnly()) {
            throw new IllegalArgumentException(layerName + " is writable; only read-only layers may be cached");
        }
        int id = nextLayerId.getAndIncrement();
        layers.put(id, new Counters(layerName));
        return new CachedDevice(this, device, id, layerName);
    }

    public LayerStats stats(CachedDevice layer) {
        Counters c = counters(layer.layerId());
        return new LayerStats(c.name, c.bytes.sum(), c.hits.sum(), c.misses.sum(), c.evictions.sum(),
                c.prefetched.sum());
    }

    public List<LayerStats> allStats() {
        return layers.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    Counters c = e.getValue();
                    return new LayerStats(c.name, c.bytes.sum(), c.hits.sum(), c.misses.sum(), c.evictions.sum(),
                            c.prefetched.sum());
                })
                .toList();
    }

    /** True when the chunk holding {@code offset} of {@code layer} is in RAM (does not touch recency). */
    public boolean contains(CachedDevice layer, long offset) {
        return chunks.policy().getIfPresentQuietly(new ChunkKey(layer.layerId(), offset / chunkSize)) != null;
    }

    /** The chunk indexes of {@code layer} now in RAM, for the console's block map. */
    public BitSet cachedChunks(CachedDevice layer) {
        return cachedChunks(List.of(layer)).get(layer);
    }

    /**
     * The chunk indexes now in RAM of each of these layers, in one pass over the cache's keys
     * (without touching recency): the console asks once per poll for every vDisk in use.
     */
    public Map<CachedDevice, BitSet> cachedChunks(Collection<CachedDevice> wanted) {
        Map<Integer, BitSet> byId = new HashMap<>();
        for (CachedDevice layer : wanted) {
            byId.put(layer.layerId(), new BitSet());
        }
        for (ChunkKey key : chunks.asMap().keySet()) {
            BitSet set = byId.get(key.layer());
            if (set != null && key.index() < Integer.MAX_VALUE) {
                set.set((int) key.index());
            }
        }
        Map<CachedDevice, BitSet> out = new HashMap<>();
        for (CachedDevice layer : wanted) {
            out.put(layer, byId.get(layer.layerId()));
        }
        return out;
    }

    /**
     * Loads {@code ranges} ({@code {offset, length}} pairs, in the order a boot read them) into
     * the cache in the background, stopping early once the cache budget is used, since loading
     * more would only evict the start of the same profile. Completes with the bytes loaded.
     * Cancelling the future stops the load between chunks.
     */
    public CompletableFuture<Long> prefetch(CachedDevice layer, List<long[]> ranges) {
        List<long[]> copy = ranges.stream().map(long[]::clone).toList();
        CompletableFuture<Long> result = new CompletableFuture<>();
        try {
            prefetcher.execute(() -> runPrefetch(layer, copy, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private void runPrefetch(CachedDevice layer, List<long[]> ranges, CompletableFuture<Long> result) {
        long loaded = 0;
        try {
            outer:
            for (long[] range : ranges) {
                if (range.length != 2 || range[0] < 0 || range[1] <= 0 || range[0] >= layer.size()) {
                    continue;
                }
                long end = Math.min(layer.size(), range[0] + Math.min(range[1], layer.size()));
                for (long index = range[0] / chunkSize; index * chunkSize < end; index++) {
                    if (result.isDone() || loaded >= maxBytes) {
                        break outer;
                    }
                    loaded += loadQuietly(layer, index);
                }
            }
            result.complete(loaded);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private long loadQuietly(CachedDevice layer, long index) throws IOException {
        ChunkKey key = new ChunkKey(layer.layerId(), index);
        if (chunks.policy().getIfPresentQuietly(key) != null) {
            return 0;
        }
        long start = index * chunkSize;
        CachedChunk chunk = memory.allocate((int) Math.min(chunkSize, layer.device().size() - start));
        try {
            layer.device().read(start, chunk.writable());
        } catch (IOException | RuntimeException e) {
            chunk.release();
            throw e;
        }
        CachedChunk stored = storeAndAcquire(counters(layer.layerId()), key, chunk);
        stored.release();
        counters(layer.layerId()).prefetched.add(chunk.length());
        return chunk.length();
    }

    /** Most chunks {@link #load} takes at once. */
    int maxRunChunks() {
        return maxRunChunks;
    }

    /** Bytes of the run of {@code count} chunks from chunk {@code first}: shorter at the device's end. */
    int runBytes(CachedDevice layer, long first, int count) {
        return (int) Math.min((long) count * chunkSize, layer.device().size() - first * chunkSize);
    }

    /**
     * Loads chunks {@code first .. first + count - 1} of a layer (count at most
     * {@link #maxRunChunks}) with one read of the device below, stores them and returns them,
     * each acquired for the caller, who releases them; counts each as a miss. With a
     * {@code target} of exactly {@link #runBytes} remaining, the device reads straight into it
     * (the caller's reply) and the chunks are filled from there: no staging buffer.
     */
    CachedChunk[] load(CachedDevice layer, long first, int count, ByteBuffer target) throws IOException {
        if (count < 1 || count > maxRunChunks) {
            throw new IllegalArgumentException("run of " + count + " chunks");
        }
        Counters c = counters(layer.layerId());
        c.misses.add(count);
        int bytes = runBytes(layer, first, count);
        if (target != null && target.remaining() != bytes) {
            throw new IllegalArgumentException("target of " + target.remaining() + " bytes for a run of " + bytes);
        }
        ByteBuffer run = target != null ? target.slice() : spareRunBuffers.poll();
        if (run == null) {
            run = ByteBuffer.allocateDirect(maxRunChunks * chunkSize);
        }
        try {
            run.clear().limit(bytes);
            layer.device().read(first * chunkSize, run);
            CachedChunk[] loaded = new CachedChunk[count];
            for (int i = 0; i < count; i++) {
                int from = i * chunkSize;
                CachedChunk chunk = memory.allocate(Math.min(chunkSize, bytes - from));
                chunk.fill(run, from);
                loaded[i] = storeAndAcquire(c, new ChunkKey(layer.layerId(), first + i), chunk);
            }
            return loaded;
        } finally {
            if (target == null) {
                spareRunBuffers.offer(run);
            }
        }
    }

    /** The chunk if in RAM, acquired for the caller (counting nothing: see {@link #countHits}), else null. */
    CachedChunk acquireIfCached(CachedDevice layer, long index) {
        CachedChunk chunk = chunks.getIfPresent(new ChunkKey(layer.layerId(), index));
        return chunk != null && chunk.acquire() ? chunk : null;
    }

    /** The off-heap memory behind the chunks, for tests. */
    ChunkMemory memory() {
        return memory;
    }

    void countHits(CachedDevice layer, int hits) {
        counters(layer.layerId()).hits.add(hits);
    }

    /**
     * Makes a freshly filled chunk (holding its one reference) the entry for {@code key} unless
     * another thread stored one first, and returns the entry's chunk acquired for the caller.
     */
    private CachedChunk storeAndAcquire(Counters c, ChunkKey key, CachedChunk chunk) {
        // The caller's reference is taken before the insert, which may evict the entry at once
        // (tiny budget). Count before inserting too: the removal listener takes the bytes away.
        chunk.acquire();
        c.bytes.add(chunk.length());
        CachedChunk previous = chunks.asMap().putIfAbsent(key, chunk);
        if (previous == null) {
            return chunk;
        }
        c.bytes.add(-chunk.length());
        // Ours never became an entry: drop the reference the cache would have held.
        chunk.release();
        if (previous.acquire()) {
            chunk.release();
            return previous;
        }
        // The other entry is being evicted right now: answer from ours, uncached.
        return chunk;
    }

    /** Drops every chunk of a layer and forgets its statistics. */
    void dropLayer(int layerId) {
        chunks.asMap().keySet().removeIf(k -> k.layer() == layerId);
        layers.remove(layerId);
    }

    private void onRemoval(ChunkKey key, CachedChunk value, RemovalCause cause) {
        if (value == null) {
            return;
        }
        value.release();
        Counters c = key == null ? null : layers.get(key.layer());
        if (c == null) {
            return;
        }
        c.bytes.add(-value.length());
        if (cause.wasEvicted()) {
            c.evictions.increment();
        }
    }

    private Counters counters(int layerId) {
        Counters c = layers.get(layerId);
        if (c == null) {
            throw new IllegalStateException("layer " + layerId + " is closed");
        }
        return c;
    }

    @Override
    public void close() {
        prefetcher.shutdownNow();
        chunks.invalidateAll();
    }

    private record ChunkKey(int layer, long index) {
    }

    private static final class Counters {
        final String name;
        final LongAdder bytes = new LongAdder();
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder evictions = new LongAdder();
        final LongAdder prefetched = new LongAdder();

        Counters(String name) {
            this.name = name;
        }
    }
}
