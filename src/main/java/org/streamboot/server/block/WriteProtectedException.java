package org.streamboot.server.block;

/** A write or trim reached a read-only device. */
public final class WriteProtectedException extends BlockException {

    public WriteProtectedException(String deviceName) {
        super(deviceName + " is read-only");
    }
}
