package org.streamboot.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockMapModelTest {

    @Test
    void aCellShowsWrittenOverReadOverCachedOverNothingForItsRangeOfBlocks() {
        BitSet read = new BitSet();
        BitSet written = new BitSet();
        BitSet cached = new BitSet();
        read.set(0);        // cell 0
        read.set(5);        // cell 1
        written.set(6);     // cell 1 too: written wins
        cached.set(7);      // ... even over the read cache
        read.set(15);       // cell 3
        cached.set(14);     // cell 3 too: what this client read wins over what is in RAM
        cached.set(20);     // cell 5: in RAM though this client never read it (prefetched, or another PC's)

        byte[] cells = BlockMapModel.cells(read, written, cached, 0, 24, 6);

        assertThat(cells).containsExactly(BlockMapModel.READ, BlockMapModel.WRITTEN, BlockMapModel.NONE,
                BlockMapModel.READ, BlockMapModel.NONE, BlockMapModel.CACHED);
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
            byte[] out = BlockMapModel.cells(read, written, new BitSet(), first, count, cells);
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
