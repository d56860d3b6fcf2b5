package org.streamboot.ui.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamboot.server.block.AccessSnapshot;
import org.streamboot.server.block.LayerStats;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.vdisk.DiskActivity;
import org.streamboot.ui.shell.CacheFigures;

class CacheViewModelTest {

    @Test
    void theHitRatioIsMeasuredPerPollAndStaysLevelWithoutReads() {
        CacheViewModel model = new CacheViewModel();
        model.update(figures(90, 10));
        model.update(figures(100, 50));   // 10 hits, 40 misses since the last poll
        model.update(figures(100, 50));   // nothing read

        assertThat(model.history()).containsExactly(0.9, 0.2, 0.2);
        assertThat(model.hitRatio()).isEqualTo("Hit ratio: 20 %");
    }

    @Test
    void sharesAddUpTheVersionsOfOneVdisk() {
        CacheFigures f = new CacheFigures(400, 1000, List.of(new LayerStats("win11 v1", 100, 0, 0, 0, 0),
                new LayerStats("win11 v2", 200, 0, 0, 0, 0), new LayerStats("ubuntu v1", 100, 0, 0, 0, 0)));

        assertThat(CacheViewModel.shares(f)).containsExactly(new CacheViewModel.Share("win11", 300, 0.75),
                new CacheViewModel.Share("ubuntu", 100, 0.25));
        assertThat(CacheViewModel.usage(f)).isEqualTo("400 B of 1000 B (40 %)");
        assertThat(CacheViewModel.usage(CacheFigures.NONE)).isEqualTo("Read cache off");
    }

    @Test
    void aWriteCacheAtEightyPercentOfItsQuotaIsAWarning() {
        List<CacheViewModel.WriteCacheBar> bars = CacheViewModel.writeCaches(List.of(disk("pc-01", 79), disk("pc-02", 80)));

        assertThat(bars).extracting(CacheViewModel.WriteCacheBar::client).containsExactly("pc-02", "pc-01");
        assertThat(bars).extracting(CacheViewModel.WriteCacheBar::warning).containsExactly(true, false);
        assertThat(bars.getFirst().text()).isEqualTo("80 MiB of 100 MiB (80 %)");
    }

    private static CacheFigures figures(long hits, long misses) {
        return new CacheFigures(0, 100, List.of(new LayerStats("win11 v1", 0, hits, misses, 0, 0)));
    }

    private static DiskActivity disk(String client, long mib) {
        AccessSnapshot a = new AccessSnapshot(0, 65536, new long[0], new long[0], 0, 0, 0, 0, Instant.EPOCH);
        return new DiskActivity(MacAddress.parse("52:54:00:00:00:01"), client, "win11", true, a, mib << 20, 100L << 20, -1);
    }
}
