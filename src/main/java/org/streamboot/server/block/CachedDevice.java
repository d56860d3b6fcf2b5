package org.streamboot.server.block;

import java.io.IOException;
import java.nio.ByteBuffer;

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
     */
    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        BlockRangeException.check(offset, into.remaining(), device.size());
        byte[][] chunks = cachedChunks(offset, into.remaining());
        int hits = 0;
        for (byte[] chunk : chunks) {
            hits += chunk == null ? 0 : 1;
        }
        cache.countHits(this, hits);
        long first = offset / cache.chunkSize();
        for (int i = 0; i < chunks.length; ) {
            if (chunks[i] != null) {
                i++;
                continue;
            }
            int run = 1;
            while (i + run < chunks.length && chunks[i + run] == null && run < cache.maxRunChunks()) {
                run++;
            }
            System.arraycopy(cache.load(this, first + i, run), 0, chunks, i, run);
            i += run;
        }
        copy(offset, chunks, into);
    }

    /**
     * Serves the read when every chunk it touches is in RAM. Hits are counted only then: a
     * refused read is retried with {@link #read}, which counts each chunk once.
     */
    @Override
    public boolean readFromMemory(long offset, ByteBuffer into) throws IOException {
        BlockRangeException.check(offset, into.remaining(), device.size());
        byte[][] chunks = cachedChunks(offset, into.remaining());
        for (byte[] chunk : chunks) {
            if (chunk == null) {
                return false;
            }
        }
        copy(offset, chunks, into);
        cache.countHits(this, chunks.length);
        return true;
    }

    /** The chunks covering {@code [offset, offset + length)}, null where not in RAM. */
    private byte[][] cachedChunks(long offset, int length) {
        int chunkSize = cache.chunkSize();
        long first = offset / chunkSize;
        long last = length == 0 ? first - 1 : (offset + length - 1) / chunkSize;
        byte[][] chunks = new byte[(int) (last - first + 1)][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = cache.chunkIfCached(this, first + i);
        }
        return chunks;
    }

    private void copy(long offset, byte[][] chunks, ByteBuffer into) {
        int chunkSize = cache.chunkSize();
        long first = offset / chunkSize;
        long pos = offset;
        for (int i = 0; i < chunks.length; i++) {
            int inChunk = (int) (pos - (first + i) * chunkSize);
            int len = Math.min(into.remaining(), chunks[i].length - inChunk);
            into.put(chunks[i], inChunk, len);
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
