package org.streamboot.server.live;

import java.util.List;
import org.streamboot.server.model.BootEvent;

/**
 * A consistent copy of the live state for the console: taken a few times a second and applied
 * in one go on the FX thread.
 *
 * @param sequence grows with every event, so a poller can tell whether anything changed
 * @param recent   the newest events, oldest first
 */
public record LiveSnapshot(long sequence, List<ClientActivity> clients, List<BootEvent> recent, long takenAt) {
}
