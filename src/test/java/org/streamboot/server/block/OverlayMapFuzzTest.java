package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of a valid overlay map: opening must either succeed (a valid map, all of
 * whose blocks read as base, data or zeros) or fail with {@link OverlayFormatException} —
 * never another exception, never a huge allocation.
 */
class OverlayMapFuzzTest {

    private static final int SIZE = 40 * CowOverlay.BLOCK_SIZE + 17;

    @TempDir
    Path dir;

    @Test
    void mutatedMapsOpenOrFailCleanly() throws Exception {
        Random random = new Random(20_240_601);
        try (RawImage base = RawImage.open(TestImages.writeImage(dir, "base.img", TestImages.randomBytes(SIZE, 1)))) {
            Path overlayDir = dir.resolve("ov");
            try (CowOverlay overlay = CowOverlay.open(overlayDir, base, Long.MAX_VALUE)) {
                overlay.write(5000, ByteBuffer.wrap(TestImages.randomBytes(20_000, 2)));
                overlay.trim(30L * CowOverlay.BLOCK_SIZE, 3L * CowOverlay.BLOCK_SIZE);
            }
            Path map = overlayDir.resolve(CowOverlay.MAP_FILE);
            byte[] good = Files.readAllBytes(map);
            int opened = 0;
            int refused = 0;
            for (int i = 0; i < 2000; i++) {
                Files.write(map, mutate(good, random));
                try (CowOverlay overlay = CowOverlay.open(overlayDir, base, Long.MAX_VALUE)) {
                    assertThat(TestImages.readAll(overlay)).hasSize(SIZE);
                    opened++;
                } catch (OverlayFormatException expected) {
                    assertThat(expected.getMessage()).contains(CowOverlay.MAP_FILE);
                    refused++;
                }
            }
            assertThat(opened).isPositive();
            assertThat(refused).isPositive();
        }
    }

    private static byte[] mutate(byte[] good, Random random) {
        byte[] bytes = good.clone();
        switch (random.nextInt(4)) {
            case 0 -> bytes[random.nextInt(48)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> bytes[OverlayMapHeader.LENGTH + random.nextInt(bytes.length - OverlayMapHeader.LENGTH)] =
                    (byte) random.nextInt(256);
            case 2 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 50));
            default -> {
                for (int k = 0; k < 4; k++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return bytes;
    }
}
