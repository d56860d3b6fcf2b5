package org.streamboot.server.block;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A device that passes every call to another; subclasses override what they change. */
public abstract class ForwardingBlockDevice implements BlockDevice {

    protected final BlockDevice delegate;

    protected ForwardingBlockDevice(BlockDevice delegate) {
        this.delegate = delegate;
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        delegate.read(offset, into);
    }

    @Override
    public boolean readFromMemory(long offset, ByteBuffer into) throws IOException {
        return delegate.readFromMemory(offset, into);
    }

    @Override
    public MemoryView viewFromMemory(long offset, int length) throws IOException {
        return delegate.viewFromMemory(offset, length);
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        delegate.write(offset, from);
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        delegate.trim(offset, length);
    }

    @Override
    public boolean readOnly() {
        return delegate.readOnly();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
