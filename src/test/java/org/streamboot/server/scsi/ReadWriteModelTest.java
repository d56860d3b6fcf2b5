package org.streamboot.server.scsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.scsi.ScsiTesting.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.streamboot.server.block.MemoryDevice;

/**
 * Random READ/WRITE (all CDB sizes), WRITE SAME, UNMAP and COMPARE AND WRITE at random LBAs and
 * lengths against a byte-array model of the disk: every read returns what the model holds.
 */
class ReadWriteModelTest {

    private static final int BLOCKS = 200;

    @Test
    void randomOperationsMatchTheModel() {
        Random random = new Random(42);
        byte[] model = pattern(BLOCKS * BLOCK, 99);
        MemoryDevice device = new MemoryDevice(model, false);
        BlockScsiTarget target = target(device);
        long miscompares = 0;
        for (int i = 0; i < 3000; i++) {
            int lba = random.nextInt(BLOCKS);
            int count = 1 + random.nextInt(Math.min(40, BLOCKS - lba));
            switch (random.nextInt(6)) {
                case 0 -> {
                    byte[] data = pattern(count * BLOCK, i);
                    assertGood(run(target, write(random.nextInt(4), lba, count), data));
                    System.arraycopy(data, 0, model, lba * BLOCK, data.length);
                }
                case 1 -> {
                    byte[] block = random.nextBoolean() ? new byte[BLOCK] : pattern(BLOCK, i);
                    boolean unmap = random.nextBoolean();
                    String cdb = String.format("93 %02x 00 00 00 00 %08x %08x 00 00", unmap ? 8 : 0, lba, count);
                    assertGood(run(target, cdb, block));
                    for (int b = 0; b < count; b++) {
                        System.arraycopy(block, 0, model, (lba + b) * BLOCK, BLOCK);
                    }
                }
                case 2 -> {
                    byte[] list = ReadWriteCommandTest.unmapList(lba, count);
                    assertGood(run(target, "42 00 00 00 00 00 00 00 18 00", list));
                    Arrays.fill(model, lba * BLOCK, (lba + count) * BLOCK, (byte) 0);
                }
                case 3 -> {
                    byte[] expected = Arrays.copyOfRange(model, lba * BLOCK, (lba + 1) * BLOCK);
                    boolean match = random.nextBoolean();
                    if (!match) {
                        expected[random.nextInt(BLOCK)] ^= 1;
                    }
                    byte[] fresh = pattern(BLOCK, -i);
                    ScsiResult r = run(target, String.format("89 00 00 00 00 00 %08x 00 00 00 01 00 00", lba),
                            ReadWriteCommandTest.concat(expected, fresh));
                    if (match) {
                        assertGood(r);
                        System.arraycopy(fresh, 0, model, lba * BLOCK, BLOCK);
                    } else {
                        assertSense(r, SenseData.MISCOMPARE, 0x1d, 0x00);
                        miscompares++;
                    }
                }
                default -> {
                    int kind = random.nextInt(4);
                    ScsiResult r = run(target, read(kind, lba, kind == 0 ? Math.min(count, 255) : count));
                    int n = kind == 0 ? Math.min(count, 255) : count;
                    assertThat(bytes(r)).as("read %d+%d at step %d", lba, n, i)
                            .isEqualTo(Arrays.copyOfRange(model, lba * BLOCK, (lba + n) * BLOCK));
                }
            }
        }
        assertThat(device.snapshot()).isEqualTo(model);
        assertThat(target.checkConditionCount()).as("only the deliberate miscompares").isEqualTo(miscompares);
    }

    private static String read(int kind, int lba, int count) {
        return switch (kind) {
            case 0 -> String.format("08 %06x %02x 00", lba, count);
            case 1 -> String.format("28 00 %08x 00 %04x 00", lba, count);
            case 2 -> String.format("a8 00 %08x %08x 00 00", lba, count);
            default -> String.format("88 00 %016x %08x 00 00", lba, count);
        };
    }

    private static String write(int kind, int lba, int count) {
        return switch (kind) {
            case 0 -> String.format("0a %06x %02x 00", lba, count);
            case 1 -> String.format("2a 00 %08x 00 %04x 00", lba, count);
            case 2 -> String.format("aa 08 %08x %08x 00 00", lba, count);
            default -> String.format("8a 00 %016x %08x 00 00", lba, count);
        };
    }
}
