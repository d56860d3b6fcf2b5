package org.streamboot.ui.services;

import java.util.List;
import org.streamboot.server.net.ServiceState;
import org.streamboot.server.net.ServiceStatus;

/** Turns service statuses into badges and a one-line summary; plain Java, no toolkit. */
public final class ServicesViewModel {

    private ServicesViewModel() {
    }

    public static List<ServiceBadge> badges(List<ServiceStatus> services) {
        return services.stream().map(ServicesViewModel::badge).toList();
    }

    static ServiceBadge badge(ServiceStatus s) {
        return switch (s.state()) {
            case RUNNING -> s.address().isBlank()
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
