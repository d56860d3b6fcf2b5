package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CowOverlayTest {

    private static final int BS = CowOverlay.BLOCK_SIZE;
    /** Not a whole number of blocks, so the short last block is exercised. */
    private static final int SIZE = 16 * BS + 1000;

    @TempDir
    Path dir;
    byte[] baseContent;
    RawImage base;

    @BeforeEach
    void setUp() throws Exception {
        baseContent = TestImages.randomBytes(SIZE, 7);
        base = RawImage.open(TestImages.writeImage(dir, "base.img", baseContent));
    }

    private CowOverlay open(long quota) throws Exception {
        return CowOverlay.open(dir.resolve("client1"), base, quota);
    }

    private static byte[] read(BlockDevice d, long offset, int length) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(length);
        d.read(offset, buf);
        return buf.array();
    }

    @Test
    void freshOverlayReadsTheBase() throws Exception {
        try (CowOverlay overlay = open(Long.MAX_VALUE)) {
            assertThat(overlay.size()).isEqualTo(SIZE);
            assertThat(TestImages.readAll(overlay)).isEqualTo(baseContent);
            assertThat(overlay.allocatedBytes()).isZero();
            assertThat(overlay.stateAt(0)).isEqualTo(BlockState.UNALLOCATED);
        }
    }

    @Test
    void unalignedWriteKeepsTheRestOfItsBlocksFromTheBase() throws Exception {
        try (CowOverlay overlay = open(Long.MAX_VALUE)) {
            byte[] data = TestImages.randomBytes(5000, 9);
            overlay.write(BS - 100, ByteBuffer.wrap(data));
            byte[] expected = baseContent.clone();
            System.arraycopy(data, 0, expected, BS - 100, data.length);
            assertThat(TestImages.readAll(overlay)).isEqualTo(expected);
            // Blocks 0, 1 and 2 were touched: copied up whole.
            assertThat(overlay.allocatedBytes()).isEqualTo(3L * BS);
            assertThat(overlay.stateAt(BS * 3)).isEqualTo(BlockState.UNALLOCATED);
        }
    }

    @Test
    void writesToTheShortLastBlockStayInsideTheDevice() throws Exception {
        try (CowOverlay overlay = open(Long.MAX_VALUE)) {
            overlay.write(SIZE - 10, ByteBuffer.wrap(new byte[10]));
            assertThat(read(overlay, SIZE - 10, 10)).containsOnly(0);
            assertThat(read(overlay, 16L * BS, 990)).isEqualTo(Arrays.copyOfRange(baseContent, 16 * BS, SIZE - 10));
            assertThatThrownBy(() -> overlay.write(SIZE - 1, ByteBuffer.allocate(2)))
                    .isInstanceOf(BlockRangeException.class);
        }
        assertThat(Files.size(dir.resolve("client1").resolve(CowOverlay.DATA_FILE))).isEqualTo(SIZE);
    }

    @Test
    void trimReadsZerosAndGivesQuotaBack() throws Exception {
        try (CowOverlay overlay = open(Long.MAX_VALUE)) {
            overlay.write(0, ByteBuffer.wrap(TestImages.randomBytes(4 * BS, 3)));
            assertThat(overlay.allocatedBytes()).isEqualTo(4L * BS);
            overlay.trim(BS, 2L * BS);
            assertThat(read(overlay, BS, 2 * BS)).containsOnly(0);
            assertThat(overlay.stateAt(BS)).isEqualTo(BlockState.TRIMMED);
            assertThat(overlay.allocatedBytes()).isEqualTo(2L * BS);
            // A trim of never-written blocks hides the base as well.
            overlay.trim(8L * BS, BS);
            assertThat(read(overlay, 8L * BS, BS)).containsOnly(0);
        }
    }

    @Test
    void partialTrimZerosOnlyItsBytes() throws Exception {
        try (CowOverlay overlay = open(Long.MAX_VALUE)) {
            overlay.trim(100, 200);
            assertThat(read(overlay, 100, 200)).containsOnly(0);
            assertThat(read(overlay, 0, 100)).isEqualTo(Arrays.copyOfRange(baseContent, 0, 100));
            assertThat(read(overlay, 300, 100)).isEqualTo(Arrays.copyOfRange(baseContent, 300, 400));
        }
    }

    @Test
    void writeToTrimmedBlockFillsTheRestWithZeros() throws Exception {
        try (CowOverlay overlay = open(Long.MAX_VALUE)) {
            overlay.trim(0, BS);
            overlay.write(10, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            byte[] block = read(overlay, 0, BS);
            assertThat(block[10]).isEqualTo((byte) 1);
            assertThat(Arrays.copyOfRange(block, 13, BS)).containsOnly(0);
            assertThat(overlay.stateAt(0)).isEqualTo(BlockState.ALLOCATED);
        }
    }

    @Test
    void quotaRefusesTheWholeWriteBeforeApplyingAny() throws Exception {
        try (CowOverlay overlay = open(3L * BS)) {
            overlay.write(0, ByteBuffer.wrap(new byte[2 * BS]));
            assertThatThrownBy(() -> overlay.write(5L * BS, ByteBuffer.wrap(new byte[2 * BS])))
                    .isInstanceOf(OutOfSpaceException.class)
                    .hasMessageContaining("quota");
            assertThat(read(overlay, 5L * BS, 2 * BS)).isEqualTo(Arrays.copyOfRange(baseContent, 5 * BS, 7 * BS));
            assertThat(overlay.allocatedBytes()).isEqualTo(2L * BS);
            // Rewriting allocated blocks needs no new space.
            overlay.write(0, ByteBuffer.wrap(new byte[2 * BS]));
            overlay.write(5L * BS, ByteBuffer.wrap(new byte[BS]));
            assertThat(overlay.allocatedBytes()).isEqualTo(3L * BS);
            overlay.trim(0, BS);
            overlay.write(9L * BS, ByteBuffer.wrap(new byte[1]));
        }
    }

    @Test
    void resetDiscardsEverythingDurably() throws Exception {
        try (CowOverlay overlay = open(Long.MAX_VALUE)) {
            overlay.write(123, ByteBuffer.wrap(TestImages.randomBytes(3 * BS, 4)));
            overlay.trim(10L * BS, BS);
            overlay.flush();
            overlay.reset();
            assertThat(overlay.allocatedBytes()).isZero();
            assertThat(TestImages.readAll(overlay)).isEqualTo(baseContent);
        }
        try (CowOverlay reopened = open(Long.MAX_VALUE)) {
            assertThat(TestImages.readAll(reopened)).isEqualTo(baseContent);
        }
    }

    @Test
    void reopenShowsFlushedContentAndAllocation() throws Exception {
        byte[] expected = baseContent.clone();
        try (CowOverlay overlay = open(Long.MAX_VALUE)) {
            byte[] data = TestImages.randomBytes(9000, 5);
            overlay.write(3000, ByteBuffer.wrap(data));
            System.arraycopy(data, 0, expected, 3000, data.length);
            overlay.trim(12L * BS, 2L * BS);
            Arrays.fill(expected, 12 * BS, 14 * BS, (byte) 0);
            overlay.flush();
        }
        try (CowOverlay reopened = open(Long.MAX_VALUE)) {
            assertThat(TestImages.readAll(reopened)).isEqualTo(expected);
            assertThat(reopened.allocatedBytes()).isEqualTo(3L * BS);
            assertThat(reopened.stateAt(12L * BS)).isEqualTo(BlockState.TRIMMED);
        }
    }

    @Test
    void closedOverlayRefusesIo() throws Exception {
        CowOverlay overlay = open(Long.MAX_VALUE);
        overlay.close();
        overlay.close();
        assertThatThrownBy(() -> overlay.read(0, ByteBuffer.allocate(1))).hasMessageContaining("closed");
    }

    @Test
    void refusesAnOverlayMadeForAnotherDiskSize() throws Exception {
        open(Long.MAX_VALUE).close();
        try (RawImage other = RawImage.open(TestImages.writeImage(dir, "other.img", new byte[SIZE + 512]))) {
            assertThatThrownBy(() -> CowOverlay.open(dir.resolve("client1"), other, Long.MAX_VALUE))
                    .isInstanceOf(OverlayFormatException.class)
                    .hasMessageContaining("overlay.map")
                    .hasMessageContaining("disk below has " + (SIZE + 512));
        }
    }

    @Test
    void refusesADamagedHeaderOrBody() throws Exception {
        open(Long.MAX_VALUE).close();
        Path map = dir.resolve("client1").resolve(CowOverlay.MAP_FILE);
        byte[] good = Files.readAllBytes(map);

        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        Files.write(map, badMagic);
        assertThatThrownBy(() -> open(Long.MAX_VALUE)).isInstanceOf(OverlayFormatException.class)
                .hasMessageContaining("bad magic");

        byte[] badCrc = good.clone();
        badCrc[12] ^= 1;
        Files.write(map, badCrc);
        assertThatThrownBy(() -> open(Long.MAX_VALUE)).hasMessageContaining("checksum");

        Files.write(map, Arrays.copyOf(good, good.length - 1));
        assertThatThrownBy(() -> open(Long.MAX_VALUE)).hasMessageContaining("expected " + good.length);

        Files.write(map, Arrays.copyOf(good, 100));
        assertThatThrownBy(() -> open(Long.MAX_VALUE)).hasMessageContaining("shorter than its 4096-byte header");

        byte[] code3 = good.clone();
        code3[OverlayMapHeader.LENGTH] = 3;
        Files.write(map, code3);
        assertThatThrownBy(() -> open(Long.MAX_VALUE)).hasMessageContaining("state code 3");

        Files.write(map, good);
        Files.delete(dir.resolve("client1").resolve(CowOverlay.DATA_FILE));
        assertThatThrownBy(() -> open(Long.MAX_VALUE)).hasMessageContaining("data file is missing");
    }

    @Test
    void refusesAnotherFormatVersion() throws Exception {
        Path map = dir.resolve("m.map");
        OverlayMapHeader v2 = new OverlayMapHeader(2, BS, SIZE, 17);
        Files.write(map, v2.encode());
        assertThatThrownBy(() -> OverlayMapFile.open(map, SIZE, BS, new BlockStateMap(17)))
                .isInstanceOf(OverlayFormatException.class)
                .hasMessageContaining("format version 2 is not supported");
    }
}
