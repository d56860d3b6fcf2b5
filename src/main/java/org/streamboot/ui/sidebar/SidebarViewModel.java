package org.streamboot.ui.sidebar;

import java.util.List;
import java.util.Locale;
import org.streamboot.server.admin.Views.GroupView;
import org.streamboot.server.admin.Views.VdiskView;

/** Turns group and vDisk views into sidebar rows; plain Java, no toolkit. */
public final class SidebarViewModel {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private SidebarViewModel() {
    }

    public static List<GroupRow> groups(List<GroupView> groups) {
        return groups.stream().map(g -> new GroupRow(g.name(), count(g.clients(), "client"),
                g.vdisks().isEmpty() ? "no vDisk" : String.join(", ", g.vdisks()))).toList();
    }

    public static List<VdiskRow> vdisks(List<VdiskView> vdisks) {
        return vdisks.stream().map(v -> new VdiskRow(v.name(), v.mode(), size(v.sizeBytes()),
                v.assignedTo().isEmpty() ? "not assigned" : String.join(", ", v.assignedTo()))).toList();
    }

    /** "no clients", "1 client", "3 clients". */
    static String count(int n, String noun) {
        return switch (n) {
            case 0 -> "no " + noun + "s";
            case 1 -> "1 " + noun;
            default -> n + " " + noun + "s";
        };
    }

    /** Binary units as disk tools print them: "40 GiB", "1.5 TiB", "512 B". */
    public static String size(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size: " + bytes);
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%d %s", Math.round(value), UNITS[unit]);
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
