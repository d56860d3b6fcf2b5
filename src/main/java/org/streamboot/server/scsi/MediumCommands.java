package org.streamboot.server.scsi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Lock;
import org.streamboot.server.block.MemoryView;

/**
 * READ, WRITE, WRITE AND VERIFY, VERIFY, COMPARE AND WRITE, SYNCHRONIZE CACHE and PRE-FETCH
 * (SBC-4 5). Each method has the CDB's fields already decoded; all checks precede any I/O, so
 * a refused command changes nothing.
 */
final class MediumCommands {

    private final Medium medium;

    MediumCommands(Medium medium) {
        this.medium = medium;
    }

    /**
     * Reads straight into the one buffer the result carries. Only what the transport will send
     * is read: when its expected length is below the transfer length the rest is cut anyway.
     */
    ScsiResult read(ScsiRequest request, long lba, long count, int lengthField) throws CommandException, IOException {
        ByteBuffer data = readBuffer(request, lba, count, lengthField);
        if (data.hasRemaining()) {
            medium.device.read(medium.offset(lba), data);
        }
        return ScsiResult.good(data.flip());
    }

    /**
     * {@link #read}, or null when the bytes are not all in RAM (BlockDevice.readFromMemory).
     * Bytes held in the read cache are lent as a view of its memory, not copied
     * ({@link org.streamboot.server.block.BlockDevice#viewFromMemory}).
     */
    ScsiResult readFromMemory(ScsiRequest request, long lba, long count, int lengthField)
            throws CommandException, IOException {
        medium.checkTransfer(count, lengthField);
        medium.checkRange(lba, count);
        int length = (int) Math.min(count * medium.blockSize, Math.max(0, request.allocationLength()));
        if (length > 0) {
            MemoryView view = medium.device.viewFromMemory(medium.offset(lba), length);
            if (view != null) {
                return ScsiResult.good(view);
            }
        }
        if (count > 1 && !medium.device.readFromMemory(medium.offset(lba), ByteBuffer.allocate(medium.blockSize))) {
            // A cold read usually misses at its first block: finding that out must not cost
            // the whole buffer, which the executor takes again when it reads from disk.
            return null;
        }
        ByteBuffer data = readBuffer(request, lba, count, lengthField);
        if (data.hasRemaining() && !medium.device.readFromMemory(medium.offset(lba), data)) {
            return null;
        }
        return ScsiResult.good(data.flip());
    }

    static boolean isRead(int opcode) {
        return opcode == Command.READ_6.opcode || opcode == Command.READ_10.opcode || opcode == Command.READ_12.opcode
                || opcode == Command.READ_16.opcode;
    }

    private ByteBuffer readBuffer(ScsiRequest request, long lba, long count, int lengthField) throws CommandException {
        medium.checkTransfer(count, lengthField);
        medium.checkRange(lba, count);
        long bytes = count * medium.blockSize;
        int length = (int) Math.min(bytes, Math.max(0, request.allocationLength()));
        return length == 0 ? ByteBuffer.allocate(0) : request.dataInBuffer().apply(length);
    }

    ScsiResult write(ScsiRequest request, long lba, long count, int lengthField, boolean fua)
            throws CommandException, IOException {
        medium.checkTransfer(count, lengthField);
        medium.checkRange(lba, count);
        medium.checkWritable();
        long sent = medium.blocksSent(request, count);
        if (sent == 0) {
            return ScsiResult.good(); // SBC-4 5.40: zero blocks is not an error
        }
        ByteBuffer data = Medium.dataOut(request, sent * medium.blockSize);
        Lock lock = medium.sharedWriteLock();
        lock.lock();
        try {
            medium.device.write(medium.offset(lba), data);
        } finally {
            lock.unlock();
        }
        if (fua) {
            medium.device.flush(); // FUA: on stable storage before GOOD (SBC-4 5.40)
        }
        return ScsiResult.good();
    }

    /**
     * WRITE AND VERIFY (SBC-4 5.43): BYTCHK 00b or 01b. The write is flushed, so the verify
     * reads what the medium holds; comparing a buffer with itself is skipped.
     */
    ScsiResult writeAndVerify(ScsiRequest request, byte[] cdb, long lba, long count, int lengthField)
            throws CommandException, IOException {
        int bytchk = (Cdb.u8(cdb, 1) >>> 1) & 3;
        if (bytchk > 1) {
            throw new CommandException(Sense.invalidFieldInCdb(1, 2));
        }
        return write(request, lba, count, lengthField, true);
    }

    /**
     * VERIFY (SBC-4 5.35): BYTCHK 00b checks the range only (the medium has no checksums to
     * re-read); 01b compares the data-out buffer with the medium; 11b compares one block of
     * data-out with every block in the range. A difference is MISCOMPARE with the offset of
     * the first differing byte in INFORMATION.
     */
    ScsiResult verify(ScsiRequest request, byte[] cdb, long lba, long count, int lengthField)
            throws CommandException, IOException {
        int bytchk = (Cdb.u8(cdb, 1) >>> 1) & 3;
        if (bytchk == 2) {
            throw new CommandException(Sense.invalidFieldInCdb(1, 2));
        }
        medium.checkTransfer(count, lengthField);
        medium.checkRange(lba, count);
        if (bytchk == 0 || count == 0) {
            return ScsiResult.good();
        }
        int bs = medium.blockSize;
        ByteBuffer expected = Medium.dataOut(request, bytchk == 1 ? count * bs : bs);
        ByteBuffer actual = ByteBuffer.allocate((int) (count * bs));
        medium.device.read(medium.offset(lba), actual);
        actual.flip();
        for (long block = 0; block < count; block++) {
            ByteBuffer want = bytchk == 1 ? expected.slice((int) (block * bs), bs) : expected.slice(0, bs);
            int at = want.mismatch(actual.slice((int) (block * bs), bs));
            if (at >= 0) {
                return ScsiResult.checkCondition(Sense.miscompare(bytchk == 1 ? block * bs + at : at));
            }
        }
        return ScsiResult.good();
    }

    /**
     * COMPARE AND WRITE (SBC-4 5.3): the data-out buffer holds the verify data, then the write
     * data, each NUMBER OF LOGICAL BLOCKS long. Used by clustered file systems as a lock.
     */
    ScsiResult compareAndWrite(ScsiRequest request, byte[] cdb) throws CommandException, IOException {
        long lba = Cdb.u64(cdb, 2);
        int count = Cdb.u8(cdb, 13);
        // The field is one byte: an initiator that means 256 blocks sends 0 with 2 x 256 blocks
        // of data. NUMBER OF LOGICAL BLOCKS is where the verify data ends and the write data
        // begins, so a buffer of any other size than twice it means the two sides disagree on
        // that split: nothing is compared or written.
        ByteBuffer sent = request.dataOut();
        if (count > medium.limits.maxCompareAndWrite()
                || (sent == null ? 0 : sent.remaining()) != 2L * count * medium.blockSize) {
            throw new CommandException(Sense.invalidFieldInCdb(13, 7));
        }
        medium.checkRange(lba, count);
        medium.checkWritable();
        if (count == 0) {
            return ScsiResult.good();
        }
        int bytes = count * medium.blockSize;
        ByteBuffer data = Medium.dataOut(request, 2L * bytes);
        ByteBuffer current = ByteBuffer.allocate(bytes);
        Lock lock = medium.exclusiveLock();
        lock.lock();
        try {
            medium.device.read(medium.offset(lba), current);
            int at = data.slice(0, bytes).mismatch(current.flip());
            if (at >= 0) {
                return ScsiResult.checkCondition(Sense.miscompare(at));
            }
            medium.device.write(medium.offset(lba), data.slice(bytes, bytes));
        } finally {
            lock.unlock();
        }
        if (Cdb.bit(cdb, 1, 3)) {
            medium.device.flush();
        }
        return ScsiResult.good();
    }

    /**
     * ORWRITE (16) (SBC-4 5.11): each block becomes the OR of what the medium holds and the
     * data-out block, atomically like COMPARE AND WRITE, so that initiators can set bits in a
     * shared bitmap without a lock of their own.
     */
    ScsiResult orWrite(ScsiRequest request, long lba, long count, boolean fua) throws CommandException, IOException {
        medium.checkTransfer(count, 10);
        medium.checkRange(lba, count);
        medium.checkWritable();
        long sent = medium.blocksSent(request, count);
        if (sent == 0) {
            return ScsiResult.good(); // zero blocks: not an error (SBC-4 5.11)
        }
        int bytes = (int) (sent * medium.blockSize);
        ByteBuffer mask = Medium.dataOut(request, bytes);
        ByteBuffer merged = ByteBuffer.allocate(bytes);
        Lock lock = medium.exclusiveLock();
        lock.lock();
        try {
            medium.device.read(medium.offset(lba), merged);
            for (int i = 0; i < bytes; i++) {
                merged.put(i, (byte) (merged.get(i) | mask.get(i)));
            }
            medium.device.write(medium.offset(lba), merged.clear());
        } finally {
            lock.unlock();
        }
        if (fua) {
            medium.device.flush();
        }
        return ScsiResult.good();
    }

    /** SYNCHRONIZE CACHE (SBC-4 5.24): the whole device is flushed whatever the range. */
    ScsiResult synchronizeCache(long lba, long count) throws CommandException, IOException {
        medium.checkRange(lba, count);
        medium.device.flush();
        return ScsiResult.good();
    }

    /** PRE-FETCH (SBC-4 5.6): a hint; GOOD means "not necessarily cached", which is honest. */
    ScsiResult preFetch(long lba, long count) throws CommandException {
        medium.checkRange(lba, count);
        return ScsiResult.good();
    }
}
