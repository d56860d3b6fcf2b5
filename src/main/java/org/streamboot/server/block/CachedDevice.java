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

    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        BlockRangeException.check(offset, into.remaining(), device.size());
        int chunkSize = cache.chunkSize();
        long pos = offset;
        while (into.hasRemaining()) {
            long index = pos / chunkSize;
            int inChunk = (int) (pos - index * chunkSize);
            byte[] chunk = cache.chunk(this, index);
            int len = Math.min(into.remaining(), chunk.length - inChunk);
            into.put(chunk, inChunk, len);
            pos += len;
        }
    }

    /**
     * Serves the read when every chunk it touches is in RAM. Hits are counted only then: a
     * refused read is retried with {@link #read}, which counts each chunk once.
     */
    @Override
    public boolean readFromMemory(long offset, ByteBuffer into) throws IOException {
        BlockRangeException.check(offset, into.remaining(), device.size());
        int chunkSize = cache.chunkSize();
        long first = offset / chunkSize;
        long last = into.remaining() == 0 ? first - 1 : (offset + into.remaining() - 1) / chunkSize;
        byte[][] chunks = new byte[(int) (last - first + 1)][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = cache.chunkIfCached(this, first + i);
            if (chunks[i] == null) {
                return false;
            }
        }
        long pos = offset;
        for (int i = 0; i < chunks.length; i++) {
            int inChunk = (int) (pos - (first + i) * chunkSize);
            int len = Math.min(into.remaining(), chunks[i].length - inChunk);
            into.put(chunks[i], inChunk, len);
            pos += len;
        }
        cache.countHits(this, chunks.length);
        return true;
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
