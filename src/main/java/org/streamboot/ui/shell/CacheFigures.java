package org.streamboot.ui.shell;

import java.util.List;
import org.streamboot.server.block.LayerStats;

/** The shared read cache at one moment: how full it is and how each cached layer does. */
public record CacheFigures(long bytesCached, long maxBytes, List<LayerStats> layers) {

    public static final CacheFigures NONE = new CacheFigures(0, 0, List.of());

    public CacheFigures {
        layers = List.copyOf(layers);
    }
}
