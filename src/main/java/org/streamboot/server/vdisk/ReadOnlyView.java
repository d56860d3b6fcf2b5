package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.ForwardingBlockDevice;
import org.streamboot.server.block.WriteProtectedException;

/** A shared base seen read-only; closing the view leaves the shared device open. */
final class ReadOnlyView extends ForwardingBlockDevice {

    private final Runnable release;
    private boolean closed;

    /** @param release called once at close: the view no longer holds the vDisk */
    ReadOnlyView(BlockDevice base, Runnable release) {
        super(base);
        this.release = release;
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        throw new WriteProtectedException("this view of the vDisk is read-only");
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        throw new WriteProtectedException("this view of the vDisk is read-only");
    }

    @Override
    public void flush() {
        // nothing was written
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public synchronized void close() {
        // The base is shared and stays open; only the hold on the vDisk ends.
        if (!closed) {
            closed = true;
            release.run();
        }
    }
}
