package org.streamboot.server.block;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A randomly addressable array of bytes: the one interface every block target (iSCSI, NBD,
 * HTTP sanboot) serves and every storage layer implements. Layers stack: a read-only base
 * image, optionally a {@link CachedDevice} over it, then a per-client {@link CowOverlay};
 * recorders wrap any of them.
 *
 * <p>Offsets and lengths are in bytes with no alignment requirement; targets translate their
 * logical block addresses. {@link #read} fills {@code into.remaining()} bytes and advances its
 * position; {@link #write} consumes {@code from.remaining()} bytes and advances its position.
 * All methods may be called from many threads at once; concurrent writes to overlapping ranges
 * land in some order, exactly as on a disk.
 *
 * <p>Errors are typed so that targets can answer with the protocol's own status:
 * {@link BlockRangeException} (SCSI LBA OUT OF RANGE, NBD EINVAL),
 * {@link WriteProtectedException} (SCSI DATA PROTECT / WRITE PROTECTED, NBD EPERM),
 * {@link OutOfSpaceException} (SCSI SPACE ALLOCATION FAILED WRITE PROTECT, NBD ENOSPC);
 * any other {@link IOException} is a medium error.
 */
public interface BlockDevice extends Closeable {

    /** Size in bytes; constant for the life of the device. */
    long size();

    /** Reads {@code into.remaining()} bytes starting at {@code offset}. */
    void read(long offset, ByteBuffer into) throws IOException;

    /**
     * Reads like {@link #read}, but only when every byte is already in RAM, so that a caller
     * that must not block (a Netty event loop) can serve cache hits without handing the request
     * to another thread. Returns false when a blocking {@link #read} is needed; {@code into}'s
     * position is then unchanged, although bytes past it may have been overwritten.
     */
    default boolean readFromMemory(long offset, ByteBuffer into) throws IOException {
        return false;
    }

    /**
     * The bytes {@code [offset, offset + length)} as views of the RAM that already holds them
     * (read-cache slots), without a copy, or null when they are not all held that way (then
     * {@link #readFromMemory} or {@link #read}). Never blocks. The caller
     * {@link MemoryView#release}s the view when done; until then the memory cannot be reused.
     */
    default MemoryView viewFromMemory(long offset, int length) throws IOException {
        return null;
    }

    /** Writes {@code from.remaining()} bytes starting at {@code offset}. */
    void write(long offset, ByteBuffer from) throws IOException;

    /** Makes every completed write durable: after it returns, a crash loses none of them. */
    void flush() throws IOException;

    /**
     * Discards a range. Afterwards the range reads as zeros (SBC-4 LBPRZ semantics), which is
     * stronger than NBD requires and what a SCSI target advertising LBPRZ=1 needs.
     */
    void trim(long offset, long length) throws IOException;

    /** True when every write and trim fails with {@link WriteProtectedException}. */
    boolean readOnly();

    @Override
    void close() throws IOException;
}
