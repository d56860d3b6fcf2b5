package org.streamboot.server.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.streamboot.server.db.AssignmentRepository;
import org.streamboot.server.db.ClientRepository;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.GroupRepository;
import org.streamboot.server.db.LeaseRepository;
import org.streamboot.server.db.VdiskRepository;
import org.streamboot.server.model.Assignment;
import org.streamboot.server.model.Assignment.Target;
import org.streamboot.server.model.Assignment.ToClient;
import org.streamboot.server.model.Assignment.ToGroup;
import org.streamboot.server.model.Client;
import org.streamboot.server.model.ClientGroup;
import org.streamboot.server.model.Iqn;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.Names;
import org.streamboot.server.model.RegistrationState;
import org.streamboot.server.model.Vdisk;
import org.streamboot.server.model.VdiskMode;

/**
 * The admin's operations on clients, groups and assignments: the one API that the CLI and the
 * console both call. Each operation validates everything first and runs in one transaction,
 * so bad input changes nothing. Calls block on the database thread: call them from the CLI or
 * from a background task, never from an event loop or the FX thread.
 */
public final class AdminService {

    private final Database db;
    private final Clock clock;
    private final ClientRepository clients = new ClientRepository();
    private final GroupRepository groups = new GroupRepository();
    private final VdiskRepository vdisks = new VdiskRepository();
    private final AssignmentRepository assignments = new AssignmentRepository();
    private final ClientIdentities identities = new ClientIdentities(clients);

    public AdminService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    // ---- clients --------------------------------------------------------------------------

    /**
     * Registers a PC by its MAC. Without a name it gets the next free name of the
     * {@code registration.name-pattern}; without an IQN it gets one derived from its name.
     * Admin-added clients are approved.
     */
    public Views.ClientView addClient(String mac, String name, String group, String iqn) {
        MacAddress parsedMac = valid(() -> MacAddress.parse(mac));
        String checkedName = name == null ? null : valid(() -> Names.clientName(name));
        String givenIqn = iqn == null ? null : valid(() -> Iqn.parse(iqn));
        return db.transaction(c -> {
            clients.byMac(c, parsedMac).ifPresent(existing -> {
                throw new AdminException("a client with MAC " + parsedMac + " already exists: " + existing.name());
            });
            String finalName = checkedName != null ? checkedName : identities.nextFreeName(c, parsedMac);
            if (clients.byName(c, finalName).isPresent()) {
                throw new AdminException("a client named '" + finalName + "' already exists");
            }
            String checkedIqn = givenIqn != null ? givenIqn : identities.initiatorName(c, finalName, parsedMac);
            if (clients.byIqn(c, checkedIqn).isPresent()) {
                throw new AdminException("another client already uses the initiator name " + checkedIqn);
            }
            Optional<Long> groupId = group == null ? Optional.empty() : Optional.of(requireGroup(c, group).id());
            Client added = clients.insert(c, parsedMac, finalName, checkedIqn, groupId, RegistrationState.APPROVED,
                    clock.millis());
            return clientView(c, added);
        });
    }

    public List<Views.ClientView> clients() {
        return db.call(c -> {
            List<Views.ClientView> out = new ArrayList<>();
            for (Client client : clients.all(c)) {
                out.add(clientView(c, client));
            }
            return out;
        });
    }

    public Optional<Views.ClientView> clientByMac(MacAddress mac) {
        return db.call(c -> {
            Optional<Client> found = clients.byMac(c, mac);
            return found.isEmpty() ? Optional.<Views.ClientView>empty() : Optional.of(clientView(c, found.get()));
        });
    }

    /**
     * Registers a PC that turned up on the network by itself, under the next free name of the
     * name pattern and with an IQN derived from that name.
     * If it was registered meanwhile (two requests racing), the existing entry is returned.
     */
    public Views.ClientView registerArrival(MacAddress mac, RegistrationState state) {
        return db.transaction(c -> {
            Optional<Client> existing = clients.byMac(c, mac);
            if (existing.isPresent()) {
                return clientView(c, existing.get());
            }
            String name = identities.nextFreeName(c, mac);
            return clientView(c, clients.insert(c, mac, name, identities.initiatorName(c, name, mac), Optional.empty(), state,
                    clock.millis()));
        });
    }

    /**
     * Remembers what a boot told about a known client (firmware and/or address; null = keep).
     * Does not block: the update is queued on the database thread.
     */
    public java.util.concurrent.CompletableFuture<Void> noteSeen(MacAddress mac, org.streamboot.server.model.Firmware firmware,
                                                                 String ip) {
        long now = clock.millis();
        return db.submit(c -> {
            Optional<Client> found = clients.byMac(c, mac);
            if (found.isPresent()) {
                clients.markSeen(c, found.get().id(), firmware != null ? firmware : found.get().lastFirmware(), ip, now);
            }
            return null;
        });
    }

    public Views.ClientView client(String name) {
        return db.call(c -> clientView(c, requireClient(c, name)));
    }

    /** Removes a client, its assignments with it. Its write cache goes with the store issue. */
    public void removeClient(String name) {
        db.transaction(c -> {
            Client client = requireClient(c, name);
            new LeaseRepository().unreserve(c, client.mac());
            return clients.delete(c, client.id());
        });
    }

    /** Moves a client into a group, or out of any group when {@code group} is null. */
    public Views.ClientView moveClient(String name, String group) {
        return db.transaction(c -> {
            Client client = requireClient(c, name);
            Optional<Long> groupId = group == null ? Optional.empty() : Optional.of(requireGroup(c, group).id());
            clients.setGroup(c, client.id(), groupId);
            return clientView(c, clients.byId(c, client.id()).orElseThrow());
        });
    }

    /**
     * Gives a client a new name (its host name from the next boot on). Its initiator IQN stays:
     * it is the identity its write cache is filed under.
     */
    public Views.ClientView renameClient(String name, String newName) {
        String checked = valid(() -> Names.clientName(newName));
        return db.transaction(c -> {
            Client client = requireClient(c, name);
            Optional<Client> holder = clients.byName(c, checked);
            if (holder.isPresent() && holder.get().id() != client.id()) {
                throw new AdminException("a client named '" + checked + "' already exists");
            }
            clients.rename(c, client.id(), checked);
            return clientView(c, clients.byId(c, client.id()).orElseThrow());
        });
    }

    public Views.ClientView approveClient(String name) {
        return db.transaction(c -> {
            Client client = requireClient(c, name);
            clients.setRegistration(c, client.id(), RegistrationState.APPROVED);
            return clientView(c, clients.byId(c, client.id()).orElseThrow());
        });
    }

    /**
     * Sets (or with null, clears) the CHAP secret the client's initiator must prove at iSCSI
     * login. RFC 7143 12.1.3 asks for at least 96 bits: 12 characters or more.
     */
    public void setChapSecret(String name, String secret) {
        if (secret != null && (secret.length() < 12 || secret.length() > 255 || !secret.chars().allMatch(ch -> ch > 32 && ch < 127))) {
            throw new AdminException("a CHAP secret has 12 to 255 printable characters without spaces");
        }
        db.transaction(c -> {
            clients.setChapSecret(c, requireClient(c, name).id(), secret);
            return null;
        });
    }

    /** The MAC of the client with this initiator name (names compare case-insensitively). */
    public Optional<MacAddress> macOfInitiator(String initiatorIqn) {
        return db.call(c -> clients.byIqn(c, initiatorIqn).map(Client::mac));
    }

    /** The CHAP secret of the client with this initiator name, if it has one. */
    public Optional<String> chapSecretFor(String initiatorIqn) {
        return db.call(c -> clients.chapSecret(c, initiatorIqn));
    }

    // ---- groups ---------------------------------------------------------------------------

    public Views.GroupView addGroup(String name) {
        String checked = valid(() -> Names.objectName("group", name));
        return db.transaction(c -> {
            if (groups.byName(c, checked).isPresent()) {
                throw new AdminException("a group named '" + checked + "' already exists");
            }
            return groupView(c, groups.insert(c, checked, clock.millis()));
        });
    }

    public List<Views.GroupView> groups() {
        return db.call(c -> {
            List<Views.GroupView> out = new ArrayList<>();
            for (ClientGroup g : groups.all(c)) {
                out.add(groupView(c, g));
            }
            return out;
        });
    }

    /** Removes a group; its clients stay, without a group; its assignments go. */
    public void removeGroup(String name) {
        db.transaction(c -> groups.delete(c, requireGroup(c, name).id()));
    }

    // ---- vDisks and assignments -----------------------------------------------------------

    public List<Views.VdiskView> vdisks() {
        return db.call(c -> {
            List<Views.VdiskView> out = new ArrayList<>();
            for (Vdisk v : vdisks.all(c)) {
                List<String> to = new ArrayList<>();
                for (Assignment a : assignments.ofVdisk(c, v.id())) {
                    to.add(describe(c, a.target()));
                }
                out.add(new Views.VdiskView(v.name(), v.mode().name().toLowerCase(), v.sizeBytes(), v.persistent(),
                        v.currentVersion(), vdisks.versions(c, v.id()).size(), to));
            }
            return out;
        });
    }

    /**
     * Offers a vDisk to a client or a group. The first vDisk a target gets is its default;
     * {@code makeDefault} moves the default to this one (also for an existing assignment).
     * A private-mode vDisk belongs to one client: a group or a second client is refused.
     */
    public Views.AssignmentView assign(Who who, String vdiskName, boolean makeDefault) {
        return db.transaction(c -> {
            Target target = target(c, who);
            Vdisk vdisk = requireVdisk(c, vdiskName);
            Optional<Assignment> existing = assignments.find(c, target, vdisk.id());
            if (existing.isPresent()) {
                if (!makeDefault || existing.get().isDefault()) {
                    throw new AdminException("vDisk '" + vdisk.name() + "' is already assigned to " + describe(c, target));
                }
                assignments.makeDefault(c, existing.get());
                return assignmentView(c, assignments.find(c, target, vdisk.id()).orElseThrow());
            }
            checkPrivateMode(c, vdisk, target);
            boolean first = assignments.of(c, target).isEmpty();
            Assignment added = assignments.insert(c, target, vdisk.id(), false);
            if (first || makeDefault) {
                assignments.makeDefault(c, added);
            }
            return assignmentView(c, assignments.find(c, target, vdisk.id()).orElseThrow());
        });
    }

    /** Withdraws a vDisk; when it was the default, the next one in menu order becomes default. */
    public void unassign(Who who, String vdiskName) {
        db.transaction(c -> {
            Target target = target(c, who);
            Vdisk vdisk = requireVdisk(c, vdiskName);
            Optional<Assignment> found = assignments.find(c, target, vdisk.id());
            if (found.isEmpty()) {
                throw new AdminException("vDisk '" + vdisk.name() + "' is not assigned to " + describe(c, target));
            }
            Assignment a = found.get();
            assignments.delete(c, a.id());
            if (a.isDefault()) {
                List<Assignment> rest = assignments.of(c, target);
                if (!rest.isEmpty()) {
                    assignments.makeDefault(c, rest.getFirst());
                }
            }
            return null;
        });
    }

    private void checkPrivateMode(Connection c, Vdisk vdisk, Target target) throws SQLException {
        if (vdisk.mode() != VdiskMode.PRIVATE) {
            return;
        }
        if (target instanceof ToGroup) {
            throw new AdminException("vDisk '" + vdisk.name() + "' is in private mode: it belongs to one client and"
                    + " cannot be assigned to a group");
        }
        List<Assignment> others = assignments.ofVdisk(c, vdisk.id());
        if (!others.isEmpty()) {
            throw new AdminException("vDisk '" + vdisk.name() + "' is in private mode and already assigned to "
                    + describe(c, others.getFirst().target()) + "; unassign it there first");
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    private Views.ClientView clientView(Connection c, Client client) throws SQLException {
        String groupName = null;
        List<Assignment> effective = new ArrayList<>(assignments.of(c, new ToClient(client.id())));
        if (client.groupId().isPresent()) {
            groupName = groups.byId(c, client.groupId().get()).map(ClientGroup::name).orElse(null);
            effective.addAll(assignments.of(c, new ToGroup(client.groupId().get())));
        }
        Map<Long, String> names = vdiskNames(c);
        Set<String> menu = new LinkedHashSet<>();
        String defaultVdisk = null;
        for (Assignment a : effective) {
            String vdiskName = names.get(a.vdiskId());
            menu.add(vdiskName);
            if (a.isDefault() && defaultVdisk == null) {
                defaultVdisk = vdiskName;
            }
        }
        return new Views.ClientView(client.name(), client.mac().value(), client.initiatorIqn(), groupName,
                client.registration().name().toLowerCase(), client.lastFirmware().name(), client.lastIp().orElse(null),
                client.lastSeenAt(), List.copyOf(menu), defaultVdisk);
    }

    private Views.GroupView groupView(Connection c, ClientGroup g) throws SQLException {
        Map<Long, String> names = vdiskNames(c);
        List<Assignment> own = assignments.of(c, new ToGroup(g.id()));
        String def = own.stream().filter(Assignment::isDefault).map(a -> names.get(a.vdiskId())).findFirst().orElse(null);
        return new Views.GroupView(g.name(), clients.inGroup(c, g.id()).size(),
                own.stream().map(a -> names.get(a.vdiskId())).toList(), def);
    }

    private Views.AssignmentView assignmentView(Connection c, Assignment a) throws SQLException {
        String vdiskName = vdisks.byId(c, a.vdiskId()).map(Vdisk::name).orElseThrow();
        return new Views.AssignmentView(describe(c, a.target()), vdiskName, a.isDefault(), a.position());
    }

    private Map<Long, String> vdiskNames(Connection c) throws SQLException {
        return vdisks.all(c).stream().collect(Collectors.toMap(Vdisk::id, Vdisk::name, (a, b) -> a));
    }

    private String describe(Connection c, Target target) throws SQLException {
        return switch (target) {
            case ToClient tc -> "client " + clients.byId(c, tc.clientId()).map(Client::name).orElse("#" + tc.clientId());
            case ToGroup tg -> "group " + groups.byId(c, tg.groupId()).map(ClientGroup::name).orElse("#" + tg.groupId());
        };
    }

    private Target target(Connection c, Who who) throws SQLException {
        return switch (who) {
            case Who.Client wc -> new ToClient(requireClient(c, wc.name()).id());
            case Who.Group wg -> new ToGroup(requireGroup(c, wg.name()).id());
        };
    }

    Client requireClient(Connection c, String name) throws SQLException {
        Optional<Client> found = clients.byName(c, name);
        if (found.isEmpty()) {
            throw new AdminException("there is no client named '" + name + "'"
                    + suggestion(c, name, cc -> clients.all(cc).stream().map(Client::name).toList()));
        }
        return found.get();
    }

    private ClientGroup requireGroup(Connection c, String name) throws SQLException {
        return groups.byName(c, name).orElseThrow(() -> new AdminException("there is no group named '" + name + "'"
                + " (create it with: streamboot group add " + name + ")"));
    }

    private Vdisk requireVdisk(Connection c, String name) throws SQLException {
        Optional<Vdisk> found = vdisks.byName(c, name);
        if (found.isEmpty()) {
            throw new AdminException("there is no vDisk named '" + name + "'"
                    + suggestion(c, name, cc -> vdisks.all(cc).stream().map(Vdisk::name).toList()));
        }
        return found.get();
    }

    /** ", did you mean 'pc-17'?" when a known name differs only in case or by a prefix. */
    private static String suggestion(Connection c, String typed, NameSource source) throws SQLException {
        String lower = typed == null ? "" : typed.toLowerCase();
        for (String known : source.names(c)) {
            String k = known.toLowerCase();
            if (!lower.isEmpty() && (k.startsWith(lower) || lower.startsWith(k))) {
                return "; did you mean '" + known + "'?";
            }
        }
        return "";
    }

    @FunctionalInterface
    private interface NameSource {
        List<String> names(Connection c) throws SQLException;
    }

    private static <T> T valid(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new AdminException(e.getMessage());
        }
    }
}
