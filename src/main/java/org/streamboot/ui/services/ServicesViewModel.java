package org.streamboot.ui.services;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.net.ServiceState;
import org.streamboot.server.net.ServiceStatus;

/** Turns service statuses into badges and a one-line summary; plain Java, no toolkit. */
public final class ServicesViewModel {

    private ServicesViewModel() {
    }

    /** How the DHCP service's event says that another server answered (see DhcpBootEvents). */
    static final String FOREIGN_DHCP = "another DHCP server answers on this network: ";

    public static List<ServiceBadge> badges(List<ServiceStatus> services) {
        return services.stream().map(ServicesViewModel::badge).toList();
    }

    /**
     * The badges, with DHCP marked as a warning when another DHCP server was seen on the
     * network. Proxy mode works beside the router's server, but a router that also sends its
     * own boot file wins the race on some firmware; in full mode two servers hand out
     * conflicting addresses.
     */
    public static List<ServiceBadge> badges(List<ServiceStatus> services, Collection<String> foreignDhcp, DhcpMode mode) {
        List<ServiceBadge> out = new ArrayList<>();
        for (ServiceStatus s : services) {
            ServiceBadge b = badge(s);
            if (s.name().equals("DHCP") && s.state() == ServiceState.RUNNING && !foreignDhcp.isEmpty()) {
                b = foreignDhcpWarning(s, String.join(", ", foreignDhcp), mode);
            }
            out.add(b);
        }
        return out;
    }

    static ServiceBadge foreignDhcpWarning(ServiceStatus s, String servers, DhcpMode mode) {
        String advice = mode == DhcpMode.FULL
                ? "Two servers now hand out addresses and PCs may get conflicting ones: switch one of them off,"
                        + " or restart Streamboot with --dhcp proxy."
                : "That is expected in proxyDHCP mode (it hands out the addresses). If PCs do not reach iPXE,"
                        + " make sure that server does not send its own boot file (DHCP options 66/67).";
        return new ServiceBadge(s.name(), ServiceTone.WARNING, "WARNING", "another DHCP server: " + servers,
                s.name() + " is listening on " + s.address() + ". Another DHCP server answers on this network: "
                        + servers + ". " + advice);
    }

    /** The address in a "another DHCP server answers" event, if the event is one. */
    public static Optional<String> foreignDhcpServer(BootEvent e) {
        if (e.mac() != null || e.stage() != BootStage.DHCP || !e.detail().startsWith(FOREIGN_DHCP)) {
            return Optional.empty();
        }
        String rest = e.detail().substring(FOREIGN_DHCP.length());
        int end = rest.indexOf(' ');
        return Optional.of(end < 0 ? rest : rest.substring(0, end));
    }

    static ServiceBadge badge(ServiceStatus s) {
        return switch (s.state()) {
            case RUNNING -> !s.problem().isBlank()
                    ? new ServiceBadge(s.name(), ServiceTone.WARNING, "WARNING", headline(s.problem()),
                            s.name() + " is listening on " + s.address() + ", but " + s.problem())
                    : s.address().isBlank()
                    ? new ServiceBadge(s.name(), ServiceTone.RUNNING, "", "running", s.name() + " is running")
                    : new ServiceBadge(s.name(), ServiceTone.RUNNING, "", compact(s.address()),
                            s.name() + " is listening on " + s.address());
            case FAILED -> new ServiceBadge(s.name(), ServiceTone.FAILED, "FAILED", headline(s.problem()),
                    s.name() + " is not running: " + (s.problem().isBlank() ? "unknown reason" : s.problem()));
            case DISABLED -> new ServiceBadge(s.name(), ServiceTone.OFF, "OFF", "switched off",
                    s.problem().isEmpty() ? s.name() + " is switched off" : s.problem());
            case STARTING -> new ServiceBadge(s.name(), ServiceTone.PENDING, "", "starting…",
                    s.name() + " is starting");
            case STOPPED -> new ServiceBadge(s.name(), ServiceTone.OFF, "STOPPED", "not listening",
                    s.name() + " is stopped");
        };
    }

    /**
     * Several sockets on one host read as "0.0.0.0:67/udp, :4011/udp": the repeated host only
     * widens the bar. The tooltip keeps the full list.
     */
    static String compact(String addresses) {
        String[] parts = addresses.split(", ");
        String host = hostOf(parts[0]);
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            out.append(", ").append(host != null && host.equals(hostOf(parts[i]))
                    ? parts[i].substring(host.length()) : parts[i]);
        }
        return out.toString();
    }

    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : null;
    }

    /**
     * The reason without its trailing advice in parentheses, so that the bar stays one line:
     * "port 3260/tcp is already in use by another program (another DHCP…)" shows as
     * "port 3260/tcp is already in use by another program"; the tooltip keeps the advice.
     */
    static String headline(String problem) {
        if (problem == null || problem.isBlank()) {
            return "unknown reason";
        }
        int paren = problem.indexOf(" (");
        return paren > 0 ? problem.substring(0, paren) : problem;
    }

    /** "All 5 services running", or which ones are down. */
    public static String summary(List<ServiceStatus> services) {
        List<String> failed = services.stream().filter(s -> s.state() == ServiceState.FAILED)
                .map(ServiceStatus::name).toList();
        long running = services.stream().filter(s -> s.state() == ServiceState.RUNNING).count();
        if (services.isEmpty()) {
            return "Starting services…";
        }
        if (failed.isEmpty()) {
            return running == services.size() ? "All " + running + " services running"
                    : running + " of " + services.size() + " services running";
        }
        return running + " of " + services.size() + " services running; failed: " + String.join(", ", failed);
    }
}
