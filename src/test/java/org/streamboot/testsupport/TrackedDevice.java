package org.streamboot.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.streamboot.server.block.BlockDevice;

/** A device that remembers whether it was closed and how often it was flushed. */
public final class TrackedDevice implements BlockDevice {

    private final BlockDevice inner;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int flushes;

    public TrackedDevice(BlockDevice inner) {
        this.inner = inner;
    }

    public boolean closed() {
        return closed.get();
    }

    public int flushes() {
        return flushes;
    }

    @Override
    public long size() {
        return inner.size();
    }

    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        inner.read(offset, into);
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        inner.write(offset, from);
    }

    @Override
    public synchronized void flush() throws IOException {
        flushes++;
        inner.flush();
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        inner.trim(offset, length);
    }

    @Override
    public boolean readOnly() {
        return inner.readOnly();
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            throw new AssertionError("closed twice");
        }
        inner.close();
    }
}
