package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.streamboot.server.block.BlockDevice;

/** One protocol session's handle on a client layer; closing it releases the session, once. */
final class SessionDevice implements BlockDevice {

    private final VdiskSessions owner;
    private final String key;
    private final BlockDevice device;
    private boolean closed;

    SessionDevice(VdiskSessions owner, String key, BlockDevice device) {
        this.owner = owner;
        this.key = key;
        this.device = device;
    }

    @Override
    public long size() {
        return device.size();
    }

    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        device.read(offset, into);
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        device.write(offset, from);
    }

    @Override
    public void flush() throws IOException {
        device.flush();
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        device.trim(offset, length);
    }

    @Override
    public boolean readOnly() {
        return device.readOnly();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            owner.release(key);
        }
    }
}
