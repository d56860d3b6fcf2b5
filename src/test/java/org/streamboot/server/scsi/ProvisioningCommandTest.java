package org.streamboot.server.scsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.scsi.ReadWriteCommandTest.unmapList;
import static org.streamboot.server.scsi.ScsiTesting.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.streamboot.server.block.MemoryDevice;

/** WRITE SAME, UNMAP and GET LBA STATUS (SBC-4 5.8, 5.31, 5.49, 5.50). */
class ProvisioningCommandTest {

    private static final int BLOCKS = 64;
    private final byte[] initial = pattern(BLOCKS * BLOCK, 3);
    private final MemoryDevice device = new MemoryDevice(initial, false);
    private final BlockScsiTarget target = target(device);

    private byte[] blocks(int lba, int count) {
        return Arrays.copyOfRange(device.snapshot(), lba * BLOCK, (lba + count) * BLOCK);
    }

    @Test
    void writeSameRepeatsTheBlock() {
        byte[] block = pattern(BLOCK, 11);
        assertGood(run(target, "41 00 00 00 00 04 00 00 03 00", block)); // WRITE SAME (10)
        for (int i = 0; i < 3; i++) {
            assertThat(blocks(4 + i, 1)).isEqualTo(block);
        }
        assertThat(blocks(7, 1)).isEqualTo(Arrays.copyOfRange(initial, 7 * BLOCK, 8 * BLOCK));
        assertGood(run(target, "93 00 00 00 00 00 00 00 00 10 00 00 00 02 00 00", block)); // WRITE SAME (16)
        assertThat(blocks(16, 2)).isEqualTo(ReadWriteCommandTest.concat(block, block));
    }

    @Test
    void writeSameWithUnmapOrNdobZeroesTheRange() {
        assertGood(run(target, "41 08 00 00 00 02 00 00 04 00", new byte[BLOCK])); // UNMAP, zero block
        assertThat(blocks(2, 4)).isEqualTo(new byte[4 * BLOCK]);
        assertGood(run(target, "93 09 00 00 00 00 00 00 00 20 00 00 00 03 00 00")); // UNMAP + NDOB, no data-out
        assertThat(blocks(32, 3)).isEqualTo(new byte[3 * BLOCK]);
        byte[] block = pattern(BLOCK, 12);
        assertGood(run(target, "41 08 00 00 00 28 00 00 01 00", block)); // UNMAP with data: written
        assertThat(blocks(40, 1)).isEqualTo(block);
    }

    @Test
    void writeSameOfZeroBlocksWritesToTheLastLba() {
        byte[] block = pattern(BLOCK, 13);
        byte[] before = blocks(0, 60);
        assertGood(run(target, "41 00 00 00 00 3c 00 00 00 00", block)); // LBA 60, WSNZ = 0
        for (int lba = 60; lba < 64; lba++) {
            assertThat(blocks(lba, 1)).isEqualTo(block);
        }
        assertThat(blocks(0, 60)).isEqualTo(before);
        assertThat(bytes(run(target, "12 01 b0 00 ff 00"))[4]).as("WSNZ").isEqualTo((byte) 0);
    }

    @Test
    void writeSameRefusals() {
        assertLbaOutOfRange(run(target, "41 00 00 00 00 41 00 00 00 00", new byte[BLOCK])); // 0 blocks past end
        assertLbaOutOfRange(run(target, "41 00 ff ff ff ff 00 00 00 00", new byte[BLOCK]));
        assertLbaOutOfRange(run(target, "93 00 00 00 00 00 00 00 00 3f 00 00 00 02 00 00", new byte[BLOCK]));
        assertInvalidField(run(target, "41 10 00 00 00 00 00 00 01 00", new byte[BLOCK]), 1, 4); // ANCHOR
        assertInvalidField(run(target, "41 01 00 00 00 00 00 00 01 00", new byte[BLOCK]), 1, 0); // NDOB not in (10)
        assertSense(run(target, "41 00 00 00 00 00 00 00 01 00"), SenseData.ILLEGAL_REQUEST, 0x0e, 0x03);
    }

    @Test
    void unmapTrimsEveryDescriptor() {
        byte[] list = unmapList(1, 2, 10, 1, 20, 0);
        assertGood(run(target, "42 00 00 00 00 00 00 00 " + String.format("%02x", list.length) + " 00", list));
        assertThat(blocks(1, 2)).isEqualTo(new byte[2 * BLOCK]);
        assertThat(blocks(10, 1)).isEqualTo(new byte[BLOCK]);
        assertThat(blocks(3, 1)).isEqualTo(Arrays.copyOfRange(initial, 3 * BLOCK, 4 * BLOCK));
        assertThat(blocks(20, 1)).isEqualTo(Arrays.copyOfRange(initial, 20 * BLOCK, 21 * BLOCK));
    }

    @Test
    void unmapParameterListChecks() {
        assertGood(run(target, "42 00 00 00 00 00 00 00 00 00")); // no parameter list: nothing to do
        assertSense(run(target, "42 00 00 00 00 00 00 00 07 00", new byte[7]), SenseData.ILLEGAL_REQUEST, 0x1a, 0x00);
        assertSense(run(target, "42 00 00 00 00 00 00 00 18 00", new byte[8]), SenseData.ILLEGAL_REQUEST, 0x1a, 0x00);
        byte[] before = device.snapshot();
        // the second descriptor is out of range: the first must not be trimmed either
        assertLbaOutOfRange(run(target, "42 00 00 00 00 00 00 00 28 00", unmapList(0, 1, 63, 2)));
        assertThat(device.snapshot()).isEqualTo(before);
        assertInvalidField(run(target, "42 01 00 00 00 00 00 00 18 00", unmapList(0, 1)), 1, 0); // ANCHOR
        // a truncated last descriptor is ignored (SBC-4 5.31.2)
        byte[] truncated = Arrays.copyOf(unmapList(5, 1, 6, 1), 8 + 16 + 10);
        Cdb.put16(truncated, 2, 26);
        assertGood(run(target, "42 00 00 00 00 00 00 00 22 00", truncated));
        assertThat(blocks(5, 1)).isEqualTo(new byte[BLOCK]);
        assertThat(blocks(6, 1)).isEqualTo(Arrays.copyOfRange(initial, 6 * BLOCK, 7 * BLOCK));
    }

    @Test
    void unmapLimitsFromTheBlockLimitsPage() {
        long[] pairs = new long[2 * 257];
        byte[] tooMany = unmapList(pairs);
        ScsiResult r = run(target, "42 00 00 00 00 00 00 " + lengthField(tooMany.length) + " 00", tooMany);
        assertSense(r, SenseData.ILLEGAL_REQUEST, 0x26, 0x00);
        BlockScsiTarget big = new BlockScsiTarget(new SizedDevice(1L << 40), settings(BLOCK));
        assertGood(run(big, "42 00 00 00 00 00 00 00 18 00", unmapList(0, 1 << 20)));
        assertSense(run(big, "42 00 00 00 00 00 00 00 28 00", unmapList(0, 1 << 20, 1L << 21, 1)),
                SenseData.ILLEGAL_REQUEST, 0x26, 0x00);
    }

    @Test
    void getLbaStatusReportsTheRestAsMapped() {
        ScsiResult r = run(target, "9e 12 00 00 00 00 00 00 00 05 00 00 00 20 00 00");
        assertThat(hex(r.dataIn())).isEqualTo(
                "00 00 00 14 00 00 00 00 00 00 00 00 00 00 00 05 00 00 00 3b 00 00 00 00");
        assertLbaOutOfRange(run(target, "9e 12 00 00 00 00 00 00 00 40 00 00 00 20 00 00"));
        assertLbaOutOfRange(run(target, "9e 12 ff ff ff ff ff ff ff ff 00 00 00 20 00 00"));
    }

    private static String lengthField(int n) {
        return String.format("%02x %02x", n >>> 8, n & 0xff);
    }
}
