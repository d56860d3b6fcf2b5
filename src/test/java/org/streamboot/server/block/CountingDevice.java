package org.streamboot.server.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A read-only memory device that remembers the offsets and lengths it was asked to read, in order. */
final class CountingDevice implements BlockDevice {

    private final MemoryDevice inner;
    final List<Long> readOffsets = new CopyOnWriteArrayList<>();
    final List<Integer> readLengths = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    CountingDevice(byte[] content) {
        this.inner = new MemoryDevice(content, true);
    }

    @Override
    public long size() {
        return inner.size();
    }

    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        readOffsets.add(offset);
        readLengths.add(into.remaining());
        inner.read(offset, into);
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        inner.write(offset, from);
    }

    @Override
    public void flush() {
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        inner.trim(offset, length);
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
