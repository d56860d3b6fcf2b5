package org.streamboot.server.scsi;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.BlockRangeException;

/** A device of any size that reads zeros and forgets writes: for capacity fields above 2 TiB. */
final class SizedDevice implements BlockDevice {

    private final long size;

    SizedDevice(long size) {
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        BlockRangeException.check(offset, into.remaining(), size);
        while (into.hasRemaining()) {
            into.put((byte) 0);
        }
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        BlockRangeException.check(offset, from.remaining(), size);
        from.position(from.limit());
    }

    @Override
    public void flush() {
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        BlockRangeException.check(offset, length, size);
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public void close() {
    }
}
