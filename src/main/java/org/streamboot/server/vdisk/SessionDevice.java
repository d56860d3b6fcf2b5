package org.streamboot.server.vdisk;

import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.ForwardingBlockDevice;

/** One protocol session's handle on a client layer; closing it releases the session, once. */
final class SessionDevice extends ForwardingBlockDevice {

    private final VdiskSessions owner;
    private final String key;
    private boolean closed;

    SessionDevice(VdiskSessions owner, String key, BlockDevice device) {
        super(device);
        this.owner = owner;
        this.key = key;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            owner.release(key);
        }
    }
}
