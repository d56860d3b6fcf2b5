package org.streamboot.server.scsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.scsi.ScsiTesting.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.MemoryDevice;
import org.streamboot.server.block.OutOfSpaceException;

/** READ, WRITE, VERIFY, COMPARE AND WRITE, SYNCHRONIZE CACHE (SBC-4 5) over a memory device. */
class ReadWriteCommandTest {

    private static final int BLOCKS = 64;
    private final byte[] initial = pattern(BLOCKS * BLOCK, 7);
    private final FlushCountingDevice device = new FlushCountingDevice(new MemoryDevice(initial, false));
    private final BlockScsiTarget target = target(device);

    private byte[] blocks(int lba, int count) {
        return Arrays.copyOfRange(device.inner.snapshot(), lba * BLOCK, (lba + count) * BLOCK);
    }

    @Test
    void readsOfEveryCdbSizeReturnTheBlocks() {
        byte[] want = Arrays.copyOfRange(initial, 3 * BLOCK, 5 * BLOCK);
        assertThat(bytes(run(target, "08 00 00 03 02 00"))).isEqualTo(want); // READ (6), SBC-4 5.14
        assertThat(bytes(run(target, "28 00 00 00 00 03 00 00 02 00"))).isEqualTo(want); // READ (10), 5.15
        assertThat(bytes(run(target, "a8 00 00 00 00 03 00 00 00 02 00 00"))).isEqualTo(want); // READ (12), 5.16
        assertThat(bytes(run(target, "88 00 00 00 00 00 00 00 00 03 00 00 00 02 00 00"))).isEqualTo(want); // 5.17
        // DPO and FUA are accepted on reads (the mode page says DPOFUA = 1)
        assertThat(bytes(run(target, "28 18 00 00 00 03 00 00 02 00"))).isEqualTo(want);
    }

    @Test
    void read6TransferLengthZeroMeans256Blocks() {
        BlockScsiTarget big = target(new MemoryDevice(300 * BLOCK));
        assertThat(bytes(run(big, "08 00 00 00 00 00"))).hasSize(256 * BLOCK);
    }

    @Test
    void readIsCutToTheTransportLength() {
        ScsiRequest r = new ScsiRequest(0, hex("28 00 00 00 00 00 00 00 04 00"), ByteBuffer.allocate(0), 700, "i");
        assertThat(bytes(target.execute(r))).isEqualTo(Arrays.copyOf(initial, 700));
    }

    @Test
    void zeroBlocksIsGoodButAnLbaBeyondTheEndIsOutOfRange() {
        assertGood(run(target, "28 00 00 00 00 00 00 00 00 00"));
        assertThat(bytes(run(target, "28 00 00 00 00 40 00 00 00 00"))).isEmpty(); // LBA == capacity, 0 blocks
        assertLbaOutOfRange(run(target, "28 00 00 00 00 41 00 00 00 00"));
        assertLbaOutOfRange(run(target, "28 00 00 00 00 3f 00 00 02 00")); // last block + 1
        assertLbaOutOfRange(run(target, "28 00 ff ff ff ff 00 00 01 00"));
        assertLbaOutOfRange(run(target, "88 00 ff ff ff ff ff ff ff ff 00 00 00 01 00 00")); // LBA 2^64-1
        assertLbaOutOfRange(run(target, "88 00 7f ff ff ff ff ff ff ff 00 00 00 02 00 00"));
        assertLbaOutOfRange(run(target, "08 00 00 3f 02 00"));
    }

    @Test
    void protectionFieldsAndReservedBitsAreInvalidFields() {
        // SBC-4 5.15: RDPROTECT non-zero without protection information
        assertInvalidField(run(target, "28 20 00 00 00 00 00 00 01 00"), 1, 5);
        assertInvalidField(run(target, "2a e0 00 00 00 00 00 00 01 00", new byte[BLOCK]), 1, 7);
        assertInvalidField(run(target, "28 00 00 00 00 00 80 00 01 00"), 6, 7); // reserved bit of byte 6
        assertInvalidField(run(target, "28 00 00 00 00 00 00 00 01 04"), 9, 2); // NACA
    }

    @Test
    void transferAboveTheMaximumIsAnInvalidField() {
        BlockScsiTarget big = new BlockScsiTarget(new SizedDevice(1L << 32), settings(BLOCK));
        assertGood(run(big, "88 00 00 00 00 00 00 00 00 00 00 00 40 00 00 00")); // 16384 blocks = 8 MiB
        assertInvalidField(run(big, "88 00 00 00 00 00 00 00 00 00 00 00 40 01 00 00"), 10, 7);
        assertInvalidField(run(big, "a8 00 00 00 00 00 00 00 40 01 00 00"), 6, 7);
    }

    /**
     * iPXE's EFI SAN device (1.0.0+git-20190125) does not read the Block Limits page: when the
     * firmware's FAT driver loads a 9 MB \EFI\BOOT\BOOTX64.EFI it asks for the whole file in
     * one READ (10) of 18176 blocks, and a refusal ends the boot with "no bootable file"
     * (0x7f22208e). The vDisk targets' default maximum must let that read through.
     */
    @Test
    void theDefaultMaximumPassesTheWholeFileReadOfIpxeEfi() {
        BlockScsiTarget vdisk = new BlockScsiTarget(new SizedDevice(64L << 20),
                BlockTargetSettings.forView("uefi", "uefi/iqn.test:initiator", "iqn.test:target", BlockTargetSettings.DEFAULT_BLOCK_SIZE));
        ScsiResult read = run(vdisk, "28 00 00 00 08 e4 00 47 00 00"); // the CDB iPXE EFI sent, LBA 2276
        assertGood(read);
        assertThat(read.dataIn().remaining()).isEqualTo(18176 * BLOCK);
    }

    @Test
    void writesOfEveryCdbSizeLandAndFuaFlushes() {
        byte[] data = pattern(2 * BLOCK, 1);
        assertGood(run(target, "0a 00 00 01 02 00", data)); // WRITE (6), SBC-4 5.39
        assertThat(blocks(1, 2)).isEqualTo(data);
        data = pattern(2 * BLOCK, 2);
        assertGood(run(target, "2a 00 00 00 00 05 00 00 02 00", data)); // WRITE (10)
        assertThat(blocks(5, 2)).isEqualTo(data);
        data = pattern(BLOCK, 3);
        assertGood(run(target, "aa 00 00 00 00 09 00 00 00 01 00 00", data)); // WRITE (12)
        assertThat(blocks(9, 1)).isEqualTo(data);
        assertThat(device.flushes).isZero();
        data = pattern(3 * BLOCK, 4);
        assertGood(run(target, "8a 08 00 00 00 00 00 00 00 3d 00 00 00 03 00 00", data)); // WRITE (16), FUA
        assertThat(blocks(61, 3)).isEqualTo(data);
        assertThat(device.flushes).isEqualTo(1);
        assertThat(blocks(0, 1)).isEqualTo(Arrays.copyOf(initial, BLOCK));
    }

    @Test
    void shortDataOutWritesTheWholeBlocksSentAndLongDataOutIsCut() {
        byte[] before = device.inner.snapshot();
        byte[] sent = pattern(BLOCK + 200, 6);
        ScsiResult r = run(target, "2a 00 00 00 00 00 00 00 02 00", sent);
        assertGood(r);
        assertThat(r.dataOutLength()).as("the CDB's transfer length, for the residual").isEqualTo(2 * BLOCK);
        assertThat(blocks(0, 2)).isEqualTo(concat(Arrays.copyOf(sent, BLOCK), Arrays.copyOfRange(before, BLOCK, 2 * BLOCK)));
        assertGood(run(target, "2a 00 00 00 00 01 00 00 01 00", new byte[200]));
        assertThat(blocks(1, 1)).as("a partial block is not written").isEqualTo(Arrays.copyOfRange(before, BLOCK, 2 * BLOCK));
        byte[] data = pattern(3 * BLOCK, 5);
        assertGood(run(target, "2a 00 00 00 00 00 00 00 01 00", data));
        assertThat(blocks(0, 2)).isEqualTo(concat(Arrays.copyOf(data, BLOCK), Arrays.copyOfRange(before, BLOCK, 2 * BLOCK)));
    }

    @Test
    void writeBeyondTheEndChangesNothing() {
        byte[] before = device.inner.snapshot();
        assertLbaOutOfRange(run(target, "2a 00 00 00 00 3f 00 00 02 00", new byte[2 * BLOCK]));
        assertThat(device.inner.snapshot()).isEqualTo(before);
    }

    @Test
    void writeAndVerifyWritesAndFlushes() {
        byte[] data = pattern(BLOCK, 6);
        assertGood(run(target, "2e 02 00 00 00 04 00 00 01 00", data)); // BYTCHK 01b, SBC-4 5.43
        assertThat(blocks(4, 1)).isEqualTo(data);
        assertThat(device.flushes).isEqualTo(1);
        assertGood(run(target, "8e 00 00 00 00 00 00 00 00 04 00 00 00 01 00 00", data));
        assertInvalidField(run(target, "2e 04 00 00 00 04 00 00 01 00", data), 1, 2); // BYTCHK 10b
    }

    @Test
    void verifyComparesWhenAskedAndReportsTheFirstDifference() {
        byte[] same = Arrays.copyOfRange(initial, 2 * BLOCK, 4 * BLOCK);
        assertGood(run(target, "2f 00 00 00 00 02 00 00 02 00")); // BYTCHK 0: medium only
        assertGood(run(target, "2f 02 00 00 00 02 00 00 02 00", same)); // BYTCHK 01b, SBC-4 5.35
        assertGood(run(target, "8f 02 00 00 00 00 00 00 00 02 00 00 00 02 00 00", same));
        byte[] differ = same.clone();
        differ[BLOCK + 17] ^= 1;
        ScsiResult r = run(target, "af 02 00 00 00 02 00 00 00 02 00 00", differ);
        assertSense(r, SenseData.MISCOMPARE, 0x1d, 0x00);
        assertThat(r.sense().information()).isEqualTo(BLOCK + 17);
        assertLbaOutOfRange(run(target, "2f 02 00 00 00 3f 00 00 02 00", new byte[2 * BLOCK]));
        assertSense(run(target, "2f 02 00 00 00 02 00 00 02 00", new byte[10]), SenseData.ILLEGAL_REQUEST, 0x0e, 0x03);
    }

    @Test
    void verifyWithOneBlockAgainstARangeOfEqualBlocks() {
        assertGood(run(target, "2a 00 00 00 00 08 00 00 03 00", new byte[3 * BLOCK]));
        assertGood(run(target, "2f 06 00 00 00 08 00 00 03 00", new byte[BLOCK])); // BYTCHK 11b
        ScsiResult r = run(target, "2f 06 00 00 00 07 00 00 03 00", new byte[BLOCK]);
        assertSense(r, SenseData.MISCOMPARE, 0x1d, 0x00);
    }

    @Test
    void compareAndWriteSwapsOnlyOnAMatch() {
        byte[] old = Arrays.copyOfRange(initial, 10 * BLOCK, 11 * BLOCK);
        byte[] fresh = pattern(BLOCK, 9);
        // SBC-4 5.3: NUMBER OF LOGICAL BLOCKS 1, data-out = verify block then write block
        assertGood(run(target, "89 00 00 00 00 00 00 00 00 0a 00 00 00 01 00 00", concat(old, fresh)));
        assertThat(blocks(10, 1)).isEqualTo(fresh);
        byte[] stale = old.clone();
        stale[100] ^= 0x40; // differs from the medium (now "fresh") at byte 0 unless fresh equals old there
        ScsiResult r = run(target, "89 00 00 00 00 00 00 00 00 0a 00 00 00 01 00 00", concat(stale, pattern(BLOCK, 10)));
        assertSense(r, SenseData.MISCOMPARE, 0x1d, 0x00);
        assertThat(r.sense().information()).isEqualTo(Arrays.mismatch(stale, fresh));
        assertThat(blocks(10, 1)).isEqualTo(fresh);
        assertLbaOutOfRange(run(target, "89 00 00 00 00 00 00 00 00 40 00 00 00 01 00 00", new byte[2 * BLOCK]));
        // MAXIMUM COMPARE AND WRITE LENGTH is half the maximum transfer: 8 blocks here
        BlockScsiTarget small = new BlockScsiTarget(new MemoryDevice(BLOCKS * BLOCK),
                new BlockTargetSettings("vDisk", "0001", "S", 1, null, BLOCK, 16 * BLOCK));
        assertThat(bytes(run(small, "12 01 b0 00 ff 00"))[5]).isEqualTo((byte) 8);
        assertGood(run(small, "89 00 00 00 00 00 00 00 00 00 00 00 00 08 00 00", new byte[16 * BLOCK]));
        assertInvalidField(run(small, "89 00 00 00 00 00 00 00 00 00 00 00 00 09 00 00", new byte[18 * BLOCK]), 13, 7);
    }

    @Test
    void compareAndWriteRefusesADataOutBufferThatIsNotTwiceTheBlocks() {
        byte[] before = device.inner.snapshot();
        // 256 blocks wrap to 0 in the one-byte field: the buffer then says something else.
        assertInvalidField(run(target, "89 00 00 00 00 00 00 00 00 0a 00 00 00 00 00 00", new byte[2 * BLOCK]), 13, 7);
        assertInvalidField(run(target, "89 00 00 00 00 00 00 00 00 0a 00 00 00 01 00 00", new byte[3 * BLOCK]), 13, 7);
        assertThat(device.inner.snapshot()).isEqualTo(before);
        assertGood(run(target, "89 00 00 00 00 00 00 00 00 0a 00 00 00 00 00 00"));
    }

    @Test
    void synchronizeCacheFlushesAndChecksItsRange() {
        assertGood(run(target, "35 00 00 00 00 00 00 00 00 00")); // to the end, SBC-4 5.24
        assertGood(run(target, "91 02 00 00 00 00 00 00 00 10 00 00 00 10 00 00")); // IMMED
        assertThat(device.flushes).isEqualTo(2);
        assertLbaOutOfRange(run(target, "35 00 00 00 00 41 00 00 00 00"));
        assertGood(run(target, "34 00 00 00 00 00 00 00 10 00")); // PRE-FETCH (10)
        assertLbaOutOfRange(run(target, "90 00 00 00 00 00 00 00 00 3f 00 00 00 02 00 00"));
    }

    @Test
    void readOnlyDeviceRefusesEveryWriteWithWriteProtected() {
        BlockScsiTarget ro = target(new MemoryDevice(initial, true));
        assertThat(bytes(run(ro, "28 00 00 00 00 00 00 00 01 00"))).isEqualTo(Arrays.copyOf(initial, BLOCK));
        int key = SenseData.DATA_PROTECT;
        assertSense(run(ro, "2a 00 00 00 00 00 00 00 01 00", new byte[BLOCK]), key, 0x27, 0x00);
        assertSense(run(ro, "0a 00 00 00 01 00", new byte[BLOCK]), key, 0x27, 0x00);
        assertSense(run(ro, "8e 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00", new byte[BLOCK]), key, 0x27, 0x00);
        assertSense(run(ro, "41 08 00 00 00 00 00 00 01 00", new byte[BLOCK]), key, 0x27, 0x00);
        assertSense(run(ro, "42 00 00 00 00 00 00 00 18 00", unmapList(0, 1)), key, 0x27, 0x00);
        assertSense(run(ro, "89 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00", new byte[2 * BLOCK]), key, 0x27, 0x00);
        assertThat(bytes(run(ro, "1a 00 3f 00 ff 00"))[2] & 0x80).as("WP in MODE SENSE").isEqualTo(0x80);
    }

    @Test
    void deviceErrorsBecomeTheirSense() {
        BlockScsiTarget full = target(new FailingDevice(BLOCKS * BLOCK, new OutOfSpaceException(1, 2)));
        assertSense(run(full, "2a 00 00 00 00 00 00 00 01 00", new byte[BLOCK]), SenseData.DATA_PROTECT, 0x27, 0x07);
        BlockScsiTarget broken = target(new FailingDevice(BLOCKS * BLOCK, new IOException("disk gone")));
        assertSense(run(broken, "28 00 00 00 00 00 00 00 01 00"), SenseData.MEDIUM_ERROR, 0x11, 0x00);
        assertSense(run(broken, "2a 00 00 00 00 00 00 00 01 00", new byte[BLOCK]), SenseData.MEDIUM_ERROR, 0x0c, 0x00);
        assertSense(run(broken, "35 00 00 00 00 00 00 00 00 00"), SenseData.MEDIUM_ERROR, 0x0c, 0x00);
        assertThat(broken.checkConditionCount()).isEqualTo(3);
    }

    static byte[] unmapList(long... lbaCountPairs) {
        int n = lbaCountPairs.length / 2;
        byte[] b = new byte[8 + 16 * n];
        Cdb.put16(b, 0, b.length - 2);
        Cdb.put16(b, 2, 16 * n);
        for (int i = 0; i < n; i++) {
            Cdb.put64(b, 8 + 16 * i, lbaCountPairs[2 * i]);
            Cdb.put32(b, 16 + 16 * i, lbaCountPairs[2 * i + 1]);
        }
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Counts flushes over a memory device. */
    static final class FlushCountingDevice implements BlockDevice {
        final MemoryDevice inner;
        int flushes;

        FlushCountingDevice(MemoryDevice inner) {
            this.inner = inner;
        }

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public void read(long offset, ByteBuffer into) throws IOException {
            inner.read(offset, into);
        }

        @Override
        public void write(long offset, ByteBuffer from) throws IOException {
            inner.write(offset, from);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void trim(long offset, long length) throws IOException {
            inner.trim(offset, length);
        }

        @Override
        public boolean readOnly() {
            return inner.readOnly();
        }

        @Override
        public void close() {
        }
    }
}
