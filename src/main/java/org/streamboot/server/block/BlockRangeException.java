package org.streamboot.server.block;

/** The request reaches outside the device (or has a negative offset or length). */
public final class BlockRangeException extends BlockException {

    private final long offset;
    private final long length;
    private final long deviceSize;

    public BlockRangeException(long offset, long length, long deviceSize) {
        super("range [" + offset + ", +" + length + ") is outside a device of " + deviceSize + " bytes");
        this.offset = offset;
        this.length = length;
        this.deviceSize = deviceSize;
    }

    public long offset() {
        return offset;
    }

    public long length() {
        return length;
    }

    public long deviceSize() {
        return deviceSize;
    }

    /** Throws unless {@code [offset, offset + length)} lies inside {@code [0, size)}. */
    public static void check(long offset, long length, long size) throws BlockRangeException {
        // Written so that offset + length cannot overflow: a hostile LBA near Long.MAX_VALUE
        // must be refused, not wrapped around to a small number.
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new BlockRangeException(offset, length, size);
        }
    }
}
