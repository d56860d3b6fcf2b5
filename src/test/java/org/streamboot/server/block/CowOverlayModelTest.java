package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random reads, writes, trims, flushes and reopens at unaligned offsets, checked
 * against a plain byte array. The base image's hash is checked at the end: nothing the overlay
 * does may change it.
 */
class CowOverlayModelTest {

    private static final int SIZE = 64 * CowOverlay.BLOCK_SIZE + 333;

    @TempDir
    Path dir;

    @Test
    void overlayBehavesLikeAByteArray() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            runModel(seed, 4000);
        }
    }

    private void runModel(long seed, int operations) throws Exception {
        Random random = new Random(seed);
        byte[] baseContent = TestImages.randomBytes(SIZE, seed * 31);
        Path baseFile = TestImages.writeImage(dir, "base" + seed + ".img", baseContent);
        String baseHash = TestImages.sha256(baseFile);
        byte[] model = baseContent.clone();
        Path overlayDir = dir.resolve("overlay" + seed);
        try (RawImage base = RawImage.open(baseFile)) {
            CowOverlay overlay = CowOverlay.open(overlayDir, base, Long.MAX_VALUE);
            try {
                for (int op = 0; op < operations; op++) {
                    int kind = random.nextInt(100);
                    long offset = randomOffset(random);
                    int length = randomLength(random, offset);
                    String where = "seed " + seed + " op " + op;
                    if (kind < 40) {
                        byte[] data = new byte[length];
                        random.nextBytes(data);
                        overlay.write(offset, ByteBuffer.wrap(data));
                        System.arraycopy(data, 0, model, (int) offset, length);
                    } else if (kind < 80) {
                        ByteBuffer buf = ByteBuffer.allocate(length);
                        overlay.read(offset, buf);
                        TestImages.assertSameBytes(buf.array(), Arrays.copyOfRange(model, (int) offset,
                                (int) offset + length), where);
                    } else if (kind < 92) {
                        overlay.trim(offset, length);
                        Arrays.fill(model, (int) offset, (int) offset + length, (byte) 0);
                    } else if (kind < 97) {
                        overlay.flush();
                    } else {
                        overlay.close();
                        overlay = CowOverlay.open(overlayDir, base, Long.MAX_VALUE);
                    }
                }
                TestImages.assertSameBytes(TestImages.readAll(overlay), model, "seed " + seed + " final");
                assertThat(overlay.allocatedBytes()).isLessThanOrEqualTo((long) SIZE + CowOverlay.BLOCK_SIZE);
            } finally {
                overlay.close();
            }
            try (CowOverlay reopened = CowOverlay.open(overlayDir, base, Long.MAX_VALUE)) {
                TestImages.assertSameBytes(TestImages.readAll(reopened), model, "seed " + seed + " reopened");
            }
        }
        assertThat(TestImages.sha256(baseFile)).as("base image never changes").isEqualTo(baseHash);
    }

    private static long randomOffset(Random random) {
        // Bias towards block edges, where head/tail handling lives.
        return switch (random.nextInt(4)) {
            case 0 -> (long) random.nextInt(SIZE / CowOverlay.BLOCK_SIZE) * CowOverlay.BLOCK_SIZE;
            case 1 -> Math.max(0, (long) random.nextInt(SIZE / CowOverlay.BLOCK_SIZE + 1) * CowOverlay.BLOCK_SIZE
                    - 1 - random.nextInt(3));
            default -> random.nextInt(SIZE);
        };
    }

    private static int randomLength(Random random, long offset) {
        int max = (int) (SIZE - offset);
        int wanted = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(8);
            case 1 -> random.nextInt(3 * CowOverlay.BLOCK_SIZE);
            case 2 -> CowOverlay.BLOCK_SIZE;
            default -> random.nextInt(20 * CowOverlay.BLOCK_SIZE);
        };
        return Math.min(wanted, max);
    }
}
