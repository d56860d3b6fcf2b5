package org.streamboot.server.block;

/** A copy-on-write overlay reached its quota; nothing of the refused write was applied. */
public final class OutOfSpaceException extends BlockException {

    private final long quotaBytes;

    public OutOfSpaceException(long quotaBytes, long neededBytes) {
        super("write cache full: quota is " + quotaBytes + " bytes, " + neededBytes + " more needed");
        this.quotaBytes = quotaBytes;
    }

    public long quotaBytes() {
        return quotaBytes;
    }
}
