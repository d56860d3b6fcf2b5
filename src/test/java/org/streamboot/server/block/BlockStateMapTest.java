package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockStateMapTest {

    @Test
    void encodesFourBlocksPerByteLowBitsFirst() {
        BlockStateMap map = new BlockStateMap(6);
        map.set(0, BlockState.ALLOCATED);
        map.set(1, BlockState.TRIMMED);
        map.set(5, BlockState.ALLOCATED);
        // byte 0: block0=01, block1=10 -> 0b1001 = 0x09; byte 1: block5=01 at bits 2..3 -> 0x04
        assertThat(map.encodePage(0)).containsExactly(0x09, 0x04);
        assertThat(map.bodyBytes()).isEqualTo(2);
    }

    @Test
    void pagesRoundTripAndOnlyChangedPagesAreDirty() {
        long blocks = 3 * 16384 + 5;
        BlockStateMap map = new BlockStateMap(blocks);
        assertThat(map.pageCount()).isEqualTo(4);
        map.set(16384 + 7, BlockState.ALLOCATED);
        map.set(blocks - 1, BlockState.TRIMMED);
        List<BlockStateMap.DirtyPage> dirty = map.drainDirty();
        assertThat(dirty).extracting(BlockStateMap.DirtyPage::page).containsExactly(1, 3);
        assertThat(map.drainDirty()).isEmpty();
        map.set(16384 + 7, BlockState.ALLOCATED);
        assertThat(map.drainDirty()).as("unchanged state is not dirty").isEmpty();

        BlockStateMap loaded = new BlockStateMap(blocks);
        for (int page = 0; page < map.pageCount(); page++) {
            loaded.loadPage(page, map.encodePage(page));
        }
        assertThat(loaded.get(16384 + 7)).isEqualTo(BlockState.ALLOCATED);
        assertThat(loaded.get(blocks - 1)).isEqualTo(BlockState.TRIMMED);
        assertThat(loaded.count(BlockState.ALLOCATED)).isEqualTo(1);
        assertThat(loaded.count(BlockState.UNALLOCATED)).isEqualTo(blocks - 2);
    }

    @Test
    void refusesCodeThree() {
        BlockStateMap map = new BlockStateMap(8);
        assertThatThrownBy(() -> map.loadPage(0, new byte[] {0, (byte) 0xC0}))
                .hasMessageContaining("state code 3");
    }

    @Test
    void ignoresBitsPastTheLastBlock() {
        BlockStateMap map = new BlockStateMap(5);
        map.loadPage(0, new byte[] {0, (byte) 0x55});
        assertThat(map.get(4)).isEqualTo(BlockState.ALLOCATED);
        assertThat(map.count(BlockState.ALLOCATED)).isEqualTo(1);
    }
}
