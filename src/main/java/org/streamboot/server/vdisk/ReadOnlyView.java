package org.streamboot.server.vdisk;

import org.streamboot.server.block.BlockDevice;

/** A shared base seen read-only; closing the view leaves the shared device open. */
final class ReadOnlyView extends WriteRefusingDevice {

    private final Runnable release;
    private boolean closed;

    /** @param release called once at close: the view no longer holds the vDisk */
    ReadOnlyView(BlockDevice base, Runnable release) {
        super(base, "this view of the vDisk is read-only");
        this.release = release;
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
