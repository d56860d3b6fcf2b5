package org.streamboot.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockMapModelTest {

    @Test
    void aCellShowsWrittenOverReadOverNothingForItsRangeOfBlocks() {
        BitSet read = new BitSet();
        BitSet written = new BitSet();
        read.set(0);        // cell 0
        read.set(5);        // cell 1
        written.set(6);     // cell 1 too: written wins
        read.set(15);       // cell 3

        byte[] cells = BlockMapModel.cells(read, written, 0, 16, 4);

        assertThat(cells).containsExactly(BlockMapModel.READ, BlockMapModel.WRITTEN, BlockMapModel.NONE, BlockMapModel.READ);
    }

    @Test
    void zoomingNarrowsTheWindowAroundThePointAndStaysInsideTheDisk() {
        BlockMapModel map = new BlockMapModel();
        map.follow(1 << 20);
        map.zoomIn(1.0);
        assertThat(map.count()).isEqualTo(1 << 19);
        assertThat(map.first() + map.count()).isEqualTo(1 << 20);
        for (int i = 0; i < 40; i++) {
            map.zoomIn(0.0);
        }
        assertThat(map.count()).isEqualTo(64);
        assertThat(map.first()).isGreaterThanOrEqualTo(0);
        map.reset();
        assertThat(map.zoomed()).isFalse();
        map.follow(1 << 20);
        map.zoomIn(0.5);
        map.zoomOut();
        assertThat(map.count()).isEqualTo(1 << 20);
        assertThat(map.first()).isZero();
    }

    @Test
    void anyWindowAndCellCountAgreesWithABlockByBlockCount() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            int blocks = 1 + random.nextInt(5_000);
            BitSet read = new BitSet();
            BitSet written = new BitSet();
            for (int i = 0; i < random.nextInt(50); i++) {
                read.set(random.nextInt(blocks));
                written.set(random.nextInt(blocks));
            }
            int first = random.nextInt(blocks);
            int count = 1 + random.nextInt(blocks - first);
            int cells = 1 + random.nextInt(300);
            byte[] out = BlockMapModel.cells(read, written, first, count, cells);
            assertThat(out).hasSize(cells);
            boolean anyRead = !read.get(first, first + count).isEmpty() || !written.get(first, first + count).isEmpty();
            boolean anyCell = false;
            for (byte b : out) {
                anyCell |= b != BlockMapModel.NONE;
            }
            assertThat(anyCell).as("round %d", round).isEqualTo(anyRead);
        }
    }
}
