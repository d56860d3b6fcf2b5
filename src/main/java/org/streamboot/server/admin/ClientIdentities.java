package org.streamboot.server.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.streamboot.server.config.Setting;
import org.streamboot.server.db.ClientRepository;
import org.streamboot.server.db.SettingsRepository;
import org.streamboot.server.model.Iqn;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.NamePattern;
import org.streamboot.server.model.Names;

/**
 * Picks the name and the initiator IQN of a new client inside the transaction that inserts it,
 * so that two PCs registering at once cannot both take the same one.
 */
final class ClientIdentities {

    private final ClientRepository clients;
    private final SettingsRepository settings = new SettingsRepository();

    ClientIdentities(ClientRepository clients) {
        this.clients = clients;
    }

    /** The admin's {@code registration.name-pattern}; a stored value that no longer checks falls back to the default. */
    NamePattern pattern(Connection c) throws SQLException {
        Optional<String> stored = settings.get(c, Setting.REGISTRATION_NAME_PATTERN.key);
        try {
            return stored.map(NamePattern::parse).orElse(NamePattern.DEFAULT);
        } catch (IllegalArgumentException e) {
            return NamePattern.DEFAULT;
        }
    }

    /**
     * The first free name the pattern gives for this MAC: the lowest free number for a numbered
     * pattern; for a MAC-only pattern the name itself, or with -2, -3... when another client
     * (e.g. one with the same last six digits) already has it.
     */
    String nextFreeName(Connection c, MacAddress mac) throws SQLException {
        NamePattern pattern = pattern(c);
        Set<String> taken = clients.all(c).stream().map(cl -> cl.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (pattern.numbered()) {
            for (int n = 1; n <= NamePattern.MAX_NUMBER; n++) {
                String candidate = pattern.expand(n, mac);
                if (!taken.contains(candidate.toLowerCase(Locale.ROOT))) {
                    return candidate;
                }
            }
            throw new AdminException("every name of the pattern " + pattern.text() + " is taken");
        }
        String base = pattern.expand(1, mac);
        String candidate = base;
        for (int k = 2; taken.contains(candidate.toLowerCase(Locale.ROOT)); k++) {
            candidate = base + "-" + k;
            try {
                Names.clientName(candidate);
            } catch (IllegalArgumentException e) {
                throw new AdminException("no free name is left for the pattern " + pattern.text() + " and MAC " + mac);
            }
        }
        return candidate;
    }

    /**
     * The IQN derived from the client's name, or the name plus the MAC's last six digits when a
     * renamed client still holds the plain one; the full MAC as a last resort (a hand-set IQN
     * may hold the second form too).
     */
    String initiatorName(Connection c, String name, MacAddress mac) throws SQLException {
        for (String candidate : new String[] {Iqn.forClient(name), Iqn.forClient(name, mac),
                Iqn.forClient(name) + "-" + mac.compact()}) {
            if (clients.byIqn(c, candidate).isEmpty()) {
                return candidate;
            }
        }
        throw new AdminException("the initiator names derived from '" + name + "' are all taken; give one with --iqn");
    }
}
