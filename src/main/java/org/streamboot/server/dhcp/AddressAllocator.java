package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.streamboot.server.model.DhcpLease;
import org.streamboot.server.model.MacAddress;

/**
 * Chooses the address to offer, RFC 2131 4.3.1: the client's reservation, else its current
 * or previous lease, else the address it asked for (option 50) if free, else the first free
 * address of the range. Addresses a client declined (ARP conflict, RFC 2131 4.3.3) are kept out
 * for {@link #QUARANTINE}; that quarantine lives in memory only (the address is then probed
 * again by the next client that gets it).
 */
final class AddressAllocator {

    static final Duration QUARANTINE = Duration.ofMinutes(10);

    private final DhcpSettings settings;
    private final LeaseStore store;
    private final Clock clock;
    private final Map<String, Long> declined = new ConcurrentHashMap<>();

    AddressAllocator(DhcpSettings settings, LeaseStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    Optional<Inet4Address> choose(MacAddress mac, Optional<Inet4Address> requested, Inet4Address serverAddress) {
        long now = clock.millis();
        Optional<DhcpLease> mine = store.findByMac(mac);
        if (mine.isPresent() && (mine.get().reserved() || inRange(mine.get().ip()))) {
            return Optional.of(parse(mine.get().ip()));
        }
        if (requested.isPresent() && usable(requested.get(), mac, serverAddress, now)) {
            return requested;
        }
        if (settings.range().isEmpty()) {
            return Optional.empty();
        }
        Set<String> taken = new HashSet<>();
        for (DhcpLease l : store.all()) {
            if (l.reserved() || l.expiresAt() >= now) {
                taken.add(l.ip());
            }
        }
        AddressRange range = settings.range().get();
        for (long i = 0; i < range.size(); i++) {
            Inet4Address candidate = range.get(i);
            String ip = candidate.getHostAddress();
            if (!taken.contains(ip) && !isDeclined(ip, now) && !candidate.equals(serverAddress)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code mac} may have {@code a}: in range, not someone else's live lease, not declined. */
    boolean usable(Inet4Address a, MacAddress mac, Inet4Address serverAddress, long now) {
        String ip = a.getHostAddress();
        if (!inRange(ip) || a.equals(serverAddress) || isDeclined(ip, now)) {
            return false;
        }
        Optional<DhcpLease> holder = store.findByIp(ip);
        return holder.isEmpty() || holder.get().mac().equals(mac)
                || (!holder.get().reserved() && holder.get().expiresAt() < now);
    }

    /** Whether another MAC holds {@code a} by a reservation or a live lease. */
    boolean heldByAnother(Inet4Address a, MacAddress mac, long now) {
        return store.findByIp(a.getHostAddress())
                .filter(l -> !l.mac().equals(mac) && (l.reserved() || l.expiresAt() >= now)).isPresent();
    }

    void decline(String ip) {
        declined.put(ip, clock.millis() + QUARANTINE.toMillis());
    }

    private boolean isDeclined(String ip, long now) {
        Long until = declined.get(ip);
        if (until == null) {
            return false;
        }
        if (until < now) {
            declined.remove(ip);
            return false;
        }
        return true;
    }

    private boolean inRange(String ip) {
        return settings.range().map(r -> r.contains(parse(ip))).orElse(false);
    }

    static Inet4Address parse(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            b[i] = (byte) v;
        }
        return DhcpOptions.toInet(b, 0);
    }
}
