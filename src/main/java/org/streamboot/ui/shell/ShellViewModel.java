package org.streamboot.ui.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.ServerConfig;

/** The window title and the status line; plain Java, no toolkit. */
public final class ShellViewModel {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ServerConfig config;
    private final ZoneId zone;

    public ShellViewModel(ServerConfig config, ZoneId zone) {
        this.config = config;
        this.zone = zone;
    }

    public String windowTitle() {
        return "Streamboot — " + config.dataDir();
    }

    /** What DHCP does here, in the words an admin checks before plugging into a live network. */
    public String dhcpMode() {
        return dhcpMode(config.dhcpMode());
    }

    /** The same for the mode the server runs now (the admin may have changed it in the settings). */
    public static String dhcpMode(DhcpMode running) {
        return "DHCP: " + describe(running);
    }

    static String describe(DhcpMode mode) {
        return switch (mode) {
            case PROXY -> "proxyDHCP (boot info only; the router hands out addresses)";
            case FULL -> "full DHCP server (hands out addresses)";
            case OFF -> "off (another server answers PXE clients)";
        };
    }

    public String dataDirectory() {
        return "Data: " + config.dataDir();
    }

    public String updatedAt(Instant at) {
        return "Updated " + CLOCK.format(at.atZone(zone));
    }

    public String opening() {
        return "Opening " + config.dataDir() + " and starting services…";
    }
}
