package org.streamboot.server.scsi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Lock;

/** WRITE SAME, UNMAP and GET LBA STATUS: logical block provisioning (SBC-4 4.7, 5.31, 5.49, 5.50). */
final class ProvisioningCommands {

    private static final int UNMAP_HEADER = 8, UNMAP_DESCRIPTOR = 16;
    /** WRITE SAME without UNMAP writes through a buffer this large, filled with the pattern. */
    private static final int PATTERN_BUFFER_BYTES = 1 << 20;

    private final Medium medium;

    ProvisioningCommands(Medium medium) {
        this.medium = medium;
    }

    /**
     * WRITE SAME (10)/(16). With UNMAP set and a block of zeros (or NDOB) the range is trimmed,
     * which reads back as zeros (LBPRZ = 1); otherwise the block is written to every LBA.
     * NUMBER OF LOGICAL BLOCKS zero means "to the last LBA", as the Block Limits page says
     * (WSNZ = 0, SBC-4 5.49); like any range it must stay within MAXIMUM WRITE SAME LENGTH.
     */
    ScsiResult writeSame(ScsiRequest request, byte[] cdb, long lba, long count, int countField)
            throws CommandException, IOException {
        boolean unmap = Cdb.bit(cdb, 1, 3);
        boolean noDataOutBuffer = Cdb.bit(cdb, 1, 0) && cdb[0] == (byte) Command.WRITE_SAME_16.opcode;
        medium.checkRange(lba, count);
        if (count == 0) {
            count = medium.blocks - lba;
        }
        if (count > medium.limits.maxWriteSame()) {
            throw new CommandException(Sense.invalidFieldInCdb(countField, 7));
        }
        medium.checkWritable();
        int bs = medium.blockSize;
        byte[] block = new byte[bs];
        if (!noDataOutBuffer) {
            Medium.dataOut(request, bs).get(block);
        }
        Lock lock = medium.sharedWriteLock();
        lock.lock();
        try {
            if (unmap && isZero(block)) {
                medium.device.trim(medium.offset(lba), count * bs);
            } else {
                writePattern(block, lba, count);
            }
        } finally {
            lock.unlock();
        }
        return ScsiResult.good();
    }

    private void writePattern(byte[] block, long lba, long count) throws IOException {
        int bs = block.length;
        int bufferBlocks = (int) Math.min(count, Math.max(1, PATTERN_BUFFER_BYTES / bs));
        ByteBuffer pattern = ByteBuffer.allocate(bufferBlocks * bs);
        for (int i = 0; i < bufferBlocks; i++) {
            pattern.put(block);
        }
        for (long done = 0; done < count; ) {
            int n = (int) Math.min(bufferBlocks, count - done);
            medium.device.write(medium.offset(lba + done), pattern.slice(0, n * bs));
            done += n;
        }
    }

    /**
     * UNMAP (SBC-4 5.31): an 8-byte header and 16-byte block descriptors. Every descriptor is
     * checked before the first trim, so a refused list trims nothing.
     */
    ScsiResult unmap(ScsiRequest request, byte[] cdb) throws CommandException, IOException {
        int length = Cdb.u16(cdb, 7);
        if (length == 0) {
            return ScsiResult.good(); // no parameter data: not an error
        }
        ByteBuffer data = request.dataOut();
        if (length < UNMAP_HEADER || data == null || data.remaining() < length) {
            throw new CommandException(Sense.parameterListLengthError());
        }
        medium.checkWritable();
        byte[] list = new byte[length];
        data.get(data.position(), list);
        // A descriptor length beyond the list, or one not a multiple of 16, counts only the
        // whole descriptors present (SBC-4 5.31.2: a truncated descriptor is ignored).
        int descriptorBytes = Math.min(Cdb.u16(list, 2), length - UNMAP_HEADER);
        int descriptors = descriptorBytes / UNMAP_DESCRIPTOR;
        if (descriptors > medium.limits.maxUnmapDescriptors()) {
            throw new CommandException(Sense.invalidFieldInParameterList(2));
        }
        long total = 0;
        for (int i = 0; i < descriptors; i++) {
            int at = UNMAP_HEADER + i * UNMAP_DESCRIPTOR;
            long count = Cdb.u32(list, at + 8);
            medium.checkRange(Cdb.u64(list, at), count);
            total += count;
            if (total > medium.limits.maxUnmapBlocks()) {
                throw new CommandException(Sense.invalidFieldInParameterList(at + 8));
            }
        }
        Lock lock = medium.sharedWriteLock();
        lock.lock();
        try {
            for (int i = 0; i < descriptors; i++) {
                int at = UNMAP_HEADER + i * UNMAP_DESCRIPTOR;
                long count = Cdb.u32(list, at + 8);
                if (count > 0) {
                    medium.device.trim(medium.offset(Cdb.u64(list, at)), count * medium.blockSize);
                }
            }
        } finally {
            lock.unlock();
        }
        return ScsiResult.good();
    }

    /**
     * GET LBA STATUS (SBC-4 5.8): the block device does not say which blocks are allocated,
     * so one descriptor reports the rest of the medium as "mapped or unknown" (status 0),
     * which the standard allows. A starting LBA beyond the last one is out of range.
     */
    byte[] lbaStatus(byte[] cdb) throws CommandException {
        long lba = Cdb.u64(cdb, 2);
        if (lba < 0 || lba >= medium.blocks) {
            throw new CommandException(Sense.lbaOutOfRange());
        }
        byte[] b = new byte[8 + UNMAP_DESCRIPTOR];
        Cdb.put32(b, 0, b.length - 4);
        Cdb.put64(b, 8, lba);
        Cdb.put32(b, 16, Math.min(medium.blocks - lba, 0xffff_ffffL));
        return b;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
