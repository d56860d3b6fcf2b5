package org.streamboot.server.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A read-only device whose reads go through a shared {@link ReadCache}; made by {@link ReadCache#wrap}. */
public final class CachedDevice implements BlockDevice {

    private final ReadCache cache;
    private final BlockDevice device;
    private final int layerId;
    private final String name;

    CachedDevice(ReadCache cache, BlockDevice device, int layerId, String name) {
        this.cache = cache;
        this.device = device;
        this.layerId = layerId;
        this.name = name;
    }

    int layerId() {
        return layerId;
    }

    BlockDevice device() {
        return device;
    }

    public String name() {
        return name;
    }

    public LayerStats stats() {
        return cache.stats(this);
    }

    /** True when the chunk holding {@code offset} is in RAM: the console's "in read cache". */
    public boolean contains(long offset) {
        return cache.contains(this, offset);
    }

    @Override
    public long size() {
        return device.size();
    }

    /**
     * Takes every chunk it can from RAM, then loads each run of missing neighbours with one
     * read of the device below ({@link ReadCache#load}): a cold 1 MiB read is one system call.
     * A run that lies wholly inside the request is read straight into {@code into}, and the
     * cache is filled from there, so a cold read is not staged and then copied once more.
     */
    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        BlockRangeException.check(offset, into.remaining(), device.size());
        int length = into.remaining();
        CachedChunk[] chunks = cachedChunks(offset, length);
        try {
            int hits = 0;
            for (CachedChunk chunk : chunks) {
                hits += chunk == null ? 0 : 1;
            }
            cache.countHits(this, hits);
            int chunkSize = cache.chunkSize();
            long first = offset / chunkSize;
            boolean[] inPlace = new boolean[chunks.length];
            for (int i = 0; i < chunks.length; ) {
                if (chunks[i] != null) {
                    i++;
                    continue;
                }
                int run = 1;
                while (i + run < chunks.length && chunks[i + run] == null && run < cache.maxRunChunks()) {
                    run++;
                }
                long runStart = (first + i) * chunkSize;
                int runBytes = cache.runBytes(this, first + i, run);
                boolean inside = runStart >= offset && runStart + runBytes <= offset + length;
                ByteBuffer target = inside ? into.slice(into.position() + (int) (runStart - offset), runBytes) : null;
                System.arraycopy(cache.load(this, first + i, run, target), 0, chunks, i, run);
                Arrays.fill(inPlace, i, i + run, inside);
                i += run;
            }
            copy(offset, chunks, inPlace, into);
        } finally {
            release(chunks);
        }
    }

    /**
     * Serves the read when every chunk it touches is in RAM. Hits are counted only then: a
     * refused read is retried with {@link #read}, which counts each chunk once.
     */
    @Override
    public boolean readFromMemory(long offset, ByteBuffer into) throws IOException {
        BlockRangeException.check(offset, into.remaining(), device.size());
        CachedChunk[] chunks = allCached(offset, into.remaining());
        if (chunks == null) {
            return false;
        }
        try {
            copy(offset, chunks, new boolean[chunks.length], into);
            cache.countHits(this, chunks.length);
            return true;
        } finally {
            release(chunks);
        }
    }

    /**
     * The cached chunks themselves, when every chunk of the range is in RAM: the view holds a
     * reference to each until released, so an eviction meanwhile cannot hand a slot to another
     * chunk while a socket still sends from it. Hits are counted only then, as in
     * {@link #readFromMemory}.
     */
    @Override
    public MemoryView viewFromMemory(long offset, int length) throws IOException {
        BlockRangeException.check(offset, length, device.size());
        if (length == 0) {
            return null;
        }
        CachedChunk[] chunks = allCached(offset, length);
        if (chunks == null) {
            return null;
        }
        cache.countHits(this, chunks.length);
        int chunkSize = cache.chunkSize();
        long first = offset / chunkSize;
        ByteBuffer[] pieces = new ByteBuffer[chunks.length];
        long pos = offset;
        int left = length;
        for (int i = 0; i < chunks.length; i++) {
            int inChunk = (int) (pos - (first + i) * chunkSize);
            int len = Math.min(left, chunks[i].length() - inChunk);
            pieces[i] = chunks[i].view(inChunk, len);
            pos += len;
            left -= len;
        }
        return new MemoryView(pieces, () -> release(chunks));
    }

    /** The chunks covering {@code [offset, offset + length)}, each acquired, null where not in RAM. */
    private CachedChunk[] cachedChunks(long offset, int length) {
        int chunkSize = cache.chunkSize();
        long first = offset / chunkSize;
        long last = length == 0 ? first - 1 : (offset + length - 1) / chunkSize;
        CachedChunk[] chunks = new CachedChunk[(int) (last - first + 1)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = cache.acquireIfCached(this, first + i);
        }
        return chunks;
    }

    /**
     * The chunks covering the range, each acquired, or null (holding none) when one is not in
     * RAM. A cold read misses at its first chunk: the look-ups stop there.
     */
    private CachedChunk[] allCached(long offset, int length) {
        int chunkSize = cache.chunkSize();
        long first = offset / chunkSize;
        long last = length == 0 ? first - 1 : (offset + length - 1) / chunkSize;
        CachedChunk[] chunks = new CachedChunk[(int) (last - first + 1)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = cache.acquireIfCached(this, first + i);
            if (chunks[i] == null) {
                release(chunks);
                return null;
            }
        }
        return chunks;
    }

    private static void release(CachedChunk[] chunks) {
        for (CachedChunk chunk : chunks) {
            if (chunk != null) {
                chunk.release();
            }
        }
    }

    /** Copies the chunks' bytes into {@code into}, skipping those a load already put there. */
    private void copy(long offset, CachedChunk[] chunks, boolean[] inPlace, ByteBuffer into) {
        int chunkSize = cache.chunkSize();
        long first = offset / chunkSize;
        long pos = offset;
        for (int i = 0; i < chunks.length; i++) {
            int inChunk = (int) (pos - (first + i) * chunkSize);
            int len = Math.min(into.remaining(), chunks[i].length() - inChunk);
            if (inPlace[i]) {
                into.position(into.position() + len);
            } else {
                chunks[i].copyTo(inChunk, into, len);
            }
            pos += len;
        }
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        throw new WriteProtectedException("cached layer " + name);
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        throw new WriteProtectedException("cached layer " + name);
    }

    @Override
    public void flush() {
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    /** Drops this layer's chunks from the cache and closes the device below. */
    @Override
    public void close() throws IOException {
        cache.dropLayer(layerId);
        device.close();
    }

    @Override
    public String toString() {
        return "CachedDevice[" + name + " over " + device + "]";
    }
}
