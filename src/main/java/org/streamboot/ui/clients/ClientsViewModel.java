package org.streamboot.ui.clients;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.streamboot.server.admin.Views.ClientView;

/** Turns client views into table rows; plain Java, no toolkit. */
public final class ClientsViewModel {

    static final String NONE = "—";
    public static final String EMPTY_HINT =
            "No clients yet — add one with `streamboot client add --mac …`, or power a PC on.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private final ZoneId zone;

    public ClientsViewModel(ZoneId zone) {
        this.zone = zone;
    }

    /** @param now when the snapshot was taken, to say "14:02" for today and a date otherwise */
    public List<ClientRow> rows(List<ClientView> clients, Instant now) {
        List<ClientRow> out = new ArrayList<>(clients.size());
        for (ClientView c : clients) {
            out.add(new ClientRow(c.name(), c.mac(), orNone(c.group()), state(c, now), firmware(c.firmware()),
                    orNone(c.lastIp()), vdisks(c.vdisks(), c.defaultVdisk())));
        }
        return out;
    }

    /** "Clients (3)". */
    public static String title(int count) {
        return "Clients (" + count + ")";
    }

    String state(ClientView c, Instant now) {
        return switch (c.registration()) {
            case "pending" -> "Waiting for approval";
            case "rejected" -> "Rejected";
            default -> c.lastSeenAt() <= 0 ? "Not seen yet" : "Last seen " + when(c.lastSeenAt(), now);
        };
    }

    private String when(long epochMillis, Instant now) {
        ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        return at.toLocalDate().equals(today) ? at.format(TIME) : at.format(DATE);
    }

    static String firmware(String firmware) {
        if (firmware == null) {
            return NONE;
        }
        return switch (firmware) {
            case "BIOS" -> "BIOS";
            case "UEFI" -> "UEFI";
            case "UEFI_HTTP" -> "UEFI HTTP";
            case "IPXE" -> "iPXE";
            default -> NONE;
        };
    }

    /** Menu order, the default marked: "win11 (default), ubuntu". */
    static String vdisks(List<String> vdisks, String defaultVdisk) {
        if (vdisks.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>(vdisks.size());
        for (String v : vdisks) {
            parts.add(v.equals(defaultVdisk) && vdisks.size() > 1 ? v + " (default)" : v);
        }
        return String.join(", ", parts);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
