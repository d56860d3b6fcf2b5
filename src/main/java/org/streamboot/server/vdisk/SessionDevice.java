package org.streamboot.server.vdisk;

import org.streamboot.server.block.ForwardingBlockDevice;

/** One protocol session's handle on a client layer; closing it releases the session, once. */
final class SessionDevice extends ForwardingBlockDevice {

    private final VdiskSessions owner;
    private final String key;
    private final ClientLayer layer;
    private boolean closed;

    SessionDevice(VdiskSessions owner, String key, ClientLayer layer) {
        super(layer.access);
        this.owner = owner;
        this.key = key;
        this.layer = layer;
    }

    ClientLayer layer() {
        return layer;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            owner.release(key, layer);
        }
    }
}
