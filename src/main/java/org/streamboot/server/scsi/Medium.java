package org.streamboot.server.scsi;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.streamboot.server.block.BlockDevice;

/**
 * The block device as the SBC-4 commands see it: a whole number of logical blocks, the checks
 * every medium-access command shares, and the lock that makes COMPARE AND WRITE atomic.
 */
final class Medium {

    final BlockDevice device;
    final int blockSize;
    /** Capacity in logical blocks; a trailing partial block of the device is not addressable. */
    final long blocks;
    final BlockLimits limits;
    /**
     * Ordinary writes share it; COMPARE AND WRITE holds it alone, so that no write lands
     * between its read and its write (SBC-4 5.3: the command is atomic to other commands).
     */
    private final ReentrantReadWriteLock atomicity = new ReentrantReadWriteLock();

    Medium(BlockDevice device, int blockSize, BlockLimits limits) {
        this.device = device;
        this.blockSize = blockSize;
        this.blocks = device.size() / blockSize;
        this.limits = limits;
    }

    long offset(long lba) {
        return lba * blockSize;
    }

    /**
     * LOGICAL BLOCK ADDRESS OUT OF RANGE unless {@code [lba, lba + count)} lies within the
     * capacity (SBC-4 4.5). An LBA above 2^63 arrives negative and is refused the same way;
     * written so that lba + count cannot overflow.
     */
    void checkRange(long lba, long count) throws CommandException {
        if (lba < 0 || count < 0 || lba > blocks || count > blocks - lba) {
            throw new CommandException(Sense.lbaOutOfRange());
        }
    }

    /** TRANSFER LENGTH above the Block Limits maximum: INVALID FIELD IN CDB (SBC-4 6.6.4). */
    void checkTransfer(long count, int fieldIndex) throws CommandException {
        if (count > limits.maxTransfer()) {
            throw new CommandException(Sense.invalidFieldInCdb(fieldIndex, 7));
        }
    }

    void checkWritable() throws CommandException {
        if (device.readOnly()) {
            throw new CommandException(Sense.writeProtected());
        }
    }

    /**
     * The first {@code bytes} of the data-out buffer, without copying. A shorter buffer (the
     * transport's expected length was below the CDB's) writes nothing and answers INVALID
     * FIELD IN COMMAND INFORMATION UNIT; a longer one is cut to what the CDB names.
     */
    static ByteBuffer dataOut(ScsiRequest request, long bytes) throws CommandException {
        ByteBuffer data = request.dataOut();
        if (data == null || data.remaining() < bytes) {
            throw new CommandException(Sense.invalidFieldInInformationUnit());
        }
        return data.slice(data.position(), (int) bytes);
    }

    /**
     * How many of {@code count} blocks the data-out buffer holds whole. A transport whose
     * expected length is below the CDB's transfer length sends less; RFC 7143 11.4.5.1 and
     * SBC-4 4.2.2 let the device server act on that much and no more, reporting the rest as
     * overflow. A partial trailing block is never written: the medium has no partial blocks.
     */
    long blocksSent(ScsiRequest request, long count) {
        ByteBuffer data = request.dataOut();
        return data == null ? 0 : Math.min(count, data.remaining() / blockSize);
    }

    Lock sharedWriteLock() {
        return atomicity.readLock();
    }

    Lock exclusiveLock() {
        return atomicity.writeLock();
    }
}
