package org.streamboot.ui.detail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.vdisk.DiskActivity;
import org.streamboot.ui.clients.CardsViewModel;
import org.streamboot.ui.shell.ConsoleSnapshot;
import org.streamboot.ui.sidebar.SidebarViewModel;

/** What the detail pane shows of one client, from one snapshot; plain Java, no toolkit. */
public final class ClientDetailViewModel {

    /** At this share of its quota a write cache is shown as a warning. */
    public static final double WARNING_SHARE = 0.8;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ZoneId zone;

    public ClientDetailViewModel(ZoneId zone) {
        this.zone = zone;
    }

    /** The client's events, newest first. */
    public List<TimelineRow> timeline(ConsoleSnapshot snapshot, String mac) {
        List<TimelineRow> out = new ArrayList<>();
        List<BootEvent> recent = snapshot.live().recent();
        for (int i = recent.size() - 1; i >= 0; i--) {
            BootEvent e = recent.get(i);
            if (e.mac() != null && e.mac().value().equals(mac)) {
                out.add(new TimelineRow(TIME.format(Instant.ofEpochMilli(e.at()).atZone(zone)),
                        CardsViewModel.words(e.stage()), e.detail(), e.severity() == BootEvent.Severity.ERROR));
            }
        }
        return out;
    }

    /** The disk the detail pane shows: the open session, else the last one. */
    public static Optional<DiskActivity> disk(ConsoleSnapshot snapshot, String mac) {
        DiskActivity found = null;
        for (DiskActivity d : snapshot.disks()) {
            if (d.mac().value().equals(mac) && (found == null || (!found.open() && d.open()))) {
                found = d;
            }
        }
        return Optional.ofNullable(found);
    }

    /** "48 MiB of 256 MiB (19 %)". */
    public static String writeCache(long used, long quota) {
        if (quota <= 0) {
            return SidebarViewModel.size(used) + " (no quota)";
        }
        return SidebarViewModel.size(used) + " of " + SidebarViewModel.size(quota)
                + String.format(Locale.ROOT, " (%d %%)", Math.round(100.0 * used / quota));
    }

    public static double share(long used, long quota) {
        return quota <= 0 ? 0 : Math.min(1.0, (double) used / quota);
    }

    public static boolean warning(long used, long quota) {
        return quota > 0 && (double) used / quota >= WARNING_SHARE;
    }
}
