package org.streamboot.ui.clients;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.streamboot.server.admin.Views.ClientView;
import org.streamboot.server.admin.Views.VdiskView;
import org.streamboot.server.block.AccessSnapshot;
import org.streamboot.server.live.ClientActivity;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.vdisk.DiskActivity;
import org.streamboot.ui.shell.ConsoleSnapshot;

/**
 * Turns a snapshot into client cards; plain Java, no toolkit. It remembers each client's last
 * access snapshot, so that two successive polls give a throughput.
 */
public final class CardsViewModel {

    private final Map<String, AccessSnapshot> previous = new HashMap<>();

    public List<ClientCard> cards(ConsoleSnapshot snapshot) {
        Map<String, ClientActivity> live = new HashMap<>();
        for (ClientActivity a : snapshot.live().clients()) {
            live.put(a.mac().value(), a);
        }
        Map<String, DiskActivity> disks = activeDisks(snapshot.disks());
        List<ClientCard> out = new ArrayList<>(snapshot.clients().size());
        Map<String, AccessSnapshot> seen = new HashMap<>();
        for (ClientView c : snapshot.clients()) {
            ClientActivity activity = live.get(c.mac());
            DiskActivity disk = disks.get(c.mac());
            BootStage stage = activity == null ? BootStage.OFF : activity.stage();
            String failure = stage == BootStage.FAILED && activity.lastEvent() != null
                    ? activity.lastEvent().detail() : "";
            boolean pending = "pending".equals(c.registration());
            double streamed = -1;
            String throughput = "";
            if (disk != null) {
                streamed = disk.bootSetRead() >= 0 ? disk.bootSetRead() : disk.access().readFraction();
                String key = c.mac() + "/" + disk.vdisk();
                seen.put(key, disk.access());
                if (disk.open()) {
                    throughput = Throughput.between(previous.get(key), disk.access()).words();
                }
            }
            out.add(new ClientCard(c.name(), c.mac(), c.iqn(), orNone(c.lastIp()), orNone(c.group()),
                    ClientsViewModel.firmware(c.firmware()), stage, pending ? "Pending" : words(stage),
                    failure, pending, chips(c, snapshot.vdisks()), streamed, throughput));
        }
        previous.clear();
        previous.putAll(seen);
        return out;
    }

    /** The stage as the card's badge says it. */
    public static String words(BootStage stage) {
        return switch (stage) {
            case OFF -> "Off";
            case DHCP -> "DHCP";
            case FIRMWARE_DOWNLOAD -> "Firmware download";
            case SCRIPT -> "Boot script";
            case MENU -> "Boot menu";
            case DISK_ATTACHED -> "Disk attached";
            case STREAMING -> "Streaming";
            case RUNNING -> "Running";
            case FAILED -> "FAILED";
        };
    }

    /** One disk per client: an open session before a closed one. */
    private static Map<String, DiskActivity> activeDisks(List<DiskActivity> disks) {
        Map<String, DiskActivity> out = new HashMap<>();
        for (DiskActivity d : disks) {
            DiskActivity had = out.get(d.mac().value());
            if (had == null || (!had.open() && d.open())) {
                out.put(d.mac().value(), d);
            }
        }
        return out;
    }

    /** Chips in menu order; a vDisk is the client's own when it is assigned to "client NAME". */
    static List<ClientCard.Chip> chips(ClientView c, List<VdiskView> vdisks) {
        List<ClientCard.Chip> out = new ArrayList<>(c.vdisks().size());
        for (String v : c.vdisks()) {
            boolean own = vdisks.stream().anyMatch(d -> d.name().equals(v) && d.assignedTo().contains("client " + c.name()));
            out.add(new ClientCard.Chip(v, own, v.equals(c.defaultVdisk())));
        }
        return out;
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? ClientsViewModel.NONE : value;
    }
}
