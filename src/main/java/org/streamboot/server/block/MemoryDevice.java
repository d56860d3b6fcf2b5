package org.streamboot.server.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A device held in a byte array: for tests and small scratch disks (at most 2 GiB). */
public final class MemoryDevice implements BlockDevice {

    private final byte[] bytes;
    private final boolean readOnly;

    public MemoryDevice(byte[] content, boolean readOnly) {
        this.bytes = content.clone();
        this.readOnly = readOnly;
    }

    public MemoryDevice(int size) {
        this(new byte[size], false);
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public synchronized void read(long offset, ByteBuffer into) throws IOException {
        BlockRangeException.check(offset, into.remaining(), bytes.length);
        into.put(bytes, (int) offset, into.remaining());
    }

    @Override
    public boolean readFromMemory(long offset, ByteBuffer into) throws IOException {
        read(offset, into);
        return true;
    }

    @Override
    public synchronized void write(long offset, ByteBuffer from) throws IOException {
        if (readOnly) {
            throw new WriteProtectedException("memory device");
        }
        BlockRangeException.check(offset, from.remaining(), bytes.length);
        from.get(bytes, (int) offset, from.remaining());
    }

    @Override
    public synchronized void trim(long offset, long length) throws IOException {
        if (readOnly) {
            throw new WriteProtectedException("memory device");
        }
        BlockRangeException.check(offset, length, bytes.length);
        Arrays.fill(bytes, (int) offset, (int) (offset + length), (byte) 0);
    }

    @Override
    public void flush() {
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void close() {
    }

    /** A copy of the current content. */
    public synchronized byte[] snapshot() {
        return bytes.clone();
    }
}
