package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.ForwardingBlockDevice;
import org.streamboot.server.block.WriteProtectedException;

/** Reads through to a device and refuses every write and trim with a reason the initiator sees. */
abstract class WriteRefusingDevice extends ForwardingBlockDevice {

    private final String why;

    WriteRefusingDevice(BlockDevice device, String why) {
        super(device);
        this.why = why;
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        throw new WriteProtectedException(why);
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        throw new WriteProtectedException(why);
    }

    @Override
    public void flush() {
        // nothing is ever written
    }

    @Override
    public boolean readOnly() {
        return true;
    }
}
