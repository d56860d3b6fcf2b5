package org.streamboot.server.scsi;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.streamboot.server.block.BlockDevice;

/** A device whose every operation fails with one exception: for the error-to-sense mapping. */
final class FailingDevice implements BlockDevice {

    private final long size;
    private final IOException failure;
    int flushes;

    FailingDevice(long size, IOException failure) {
        this.size = size;
        this.failure = failure;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        throw failure;
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        throw failure;
    }

    @Override
    public void flush() throws IOException {
        flushes++;
        throw failure;
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        throw failure;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public void close() {
    }
}
