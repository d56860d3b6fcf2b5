package org.streamboot.server.live;

import org.streamboot.server.model.BootEvent;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;

/** Where one PC is right now, as the console shows it: its stage and the last thing that happened. */
public record ClientActivity(MacAddress mac, BootStage stage, BootEvent lastEvent, long since) {
}
