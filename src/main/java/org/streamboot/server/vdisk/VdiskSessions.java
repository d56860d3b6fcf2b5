package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.ReadCache;
import org.streamboot.server.db.AssignmentRepository;
import org.streamboot.server.db.ClientRepository;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.VdiskRepository;
import org.streamboot.server.model.Assignment;
import org.streamboot.server.model.Client;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.RegistrationState;
import org.streamboot.server.model.Vdisk;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.server.model.VdiskVersion;

/**
 * Opens the block device a client sees of a vDisk: the one place that decides whose writes go
 * where. Block targets call it at login with the identity the protocol proved (the iSCSI
 * initiator name, the NBD export name); it checks the database (registered, approved,
 * assigned) and builds the layer chain:
 *
 * <pre>
 * AccessRecorder (console block map)
 *   CowOverlay   DATA/writecache/VDISK/MAC/   (standard: discarded at the client's next boot unless persistent)
 *                DATA/vdisks/VDISK/private/    (private: one client at a time, kept)
 *     BootProfileRecorder (first minutes of reads, in order)
 *       CachedDevice (shared RAM read cache)
 *         RawImage DATA/vdisks/VDISK/v1.raw   (read-only, never written)
 * </pre>
 *
 * A client can only ever reach its own overlay: the overlay path is derived from the client
 * the database found for the proved identity, never from anything else the client sends.
 * Blocking (database and disk): call from an executor.
 */
public final class VdiskSessions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VdiskSessions.class);

    private final Database db;
    private final VdiskLayout layout;
    private final ReadCache cache;
    private final long quotaBytes;
    private final ClientRepository clients = new ClientRepository();
    private final VdiskRepository vdisks = new VdiskRepository();
    private final AssignmentRepository assignments = new AssignmentRepository();

    private final Map<String, SharedBase> bases = new HashMap<>();
    private final Map<String, ClientLayer> layers = new HashMap<>();
    private final Set<MacAddress> newBoots = new HashSet<>();
    private final Map<String, DiskActivity> lastActivity = new HashMap<>();

    public VdiskSessions(Database db, VdiskLayout layout, ReadCache cache, long quotaBytes) {
        this.db = db;
        this.layout = layout;
        this.cache = cache;
        this.quotaBytes = quotaBytes;
    }

    /** The client behind an iSCSI initiator name opens a vDisk. */
    public BlockDevice openForInitiator(String initiatorIqn, String vdiskName) throws SessionRefusedException {
        Client client = db.call(c -> clients.byIqn(c, initiatorIqn)).orElseThrow(() -> new SessionRefusedException(
                SessionRefusal.Reason.UNKNOWN_CLIENT, "no registered PC uses the initiator name " + initiatorIqn));
        return open(client, vdiskName);
    }

    /** A client, by its registered name, opens a vDisk (NBD export "VDISK/CLIENT"). */
    public BlockDevice openForClient(String clientName, String vdiskName) throws SessionRefusedException {
        Client client = db.call(c -> clients.byName(c, clientName)).orElseThrow(() -> new SessionRefusedException(
                SessionRefusal.Reason.UNKNOWN_CLIENT, "no registered PC is named " + clientName));
        return open(client, vdiskName);
    }

    /** The shared base as it is, read-only (NBD export "VDISK", HTTP sanboot). */
    public synchronized BlockDevice openReadOnly(String vdiskName) throws SessionRefusedException {
        Vdisk vdisk = vdisk(vdiskName);
        SharedBase base = base(vdisk);
        return new ReadOnlyView(base.device);
    }

    /** Names of the vDisks that can be opened. */
    public List<String> names() {
        return db.call(c -> vdisks.all(c)).stream().map(Vdisk::name).toList();
    }

    /** The PC is booting anew: its standard-mode write caches start empty at its next login. */
    public synchronized void newBoot(MacAddress mac) {
        newBoots.add(mac);
    }

    private synchronized BlockDevice open(Client client, String vdiskName) throws SessionRefusedException {
        Vdisk vdisk = vdisk(vdiskName);
        if (client.registration() != RegistrationState.APPROVED) {
            throw new SessionRefusedException(SessionRefusal.Reason.NOT_ALLOWED, client.name() + " is not approved to boot");
        }
        if (!assigned(client, vdisk)) {
            throw new SessionRefusedException(SessionRefusal.Reason.NOT_ALLOWED,
                    "vDisk '" + vdisk.name() + "' is not assigned to " + client.name() + " or its group");
        }
        String key = vdisk.name() + "/" + client.mac().compact();
        ClientLayer layer = layers.get(key);
        if (layer == null) {
            layer = openLayer(client, vdisk, key);
        }
        layer.sessions++;
        log.info("{} opened vDisk '{}' ({} session{})", client.name(), vdisk.name(), layer.sessions, layer.sessions == 1 ? "" : "s");
        return new SessionDevice(this, key, layer.access);
    }

    private ClientLayer openLayer(Client client, Vdisk vdisk, String key) throws SessionRefusedException {
        Path overlayDir;
        boolean discard;
        switch (vdisk.mode()) {
            case STANDARD -> {
                overlayDir = layout.writeCacheDir(vdisk.name()).resolve(client.mac().compact());
                discard = !vdisk.persistent() && newBoots.remove(client.mac());
            }
            case PRIVATE -> {
                Optional<ClientLayer> other = layers.values().stream()
                        .filter(l -> l.base.vdisk.equals(vdisk.name()) && !l.mac.equals(client.mac())).findFirst();
                if (other.isPresent()) {
                    throw new SessionRefusedException(SessionRefusal.Reason.IN_USE, "private vDisk '" + vdisk.name()
                            + "' is in use by " + other.get().client);
                }
                overlayDir = layout.vdiskDir(vdisk.name()).resolve("private");
                discard = false;
            }
            default -> throw new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE,
                    "vDisk '" + vdisk.name() + "' is in maintenance mode, which is not served yet");
        }
        try {
            ClientLayer layer = ClientLayer.open(client.mac(), client.name(), base(vdisk), overlayDir, quotaBytes, discard);
            layers.put(key, layer);
            return layer;
        } catch (IOException e) {
            throw new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE,
                    "cannot open the write cache of " + client.name() + " for '" + vdisk.name() + "': " + e.getMessage());
        }
    }

    synchronized void release(String key) {
        ClientLayer layer = layers.get(key);
        if (layer == null || --layer.sessions > 0) {
            return;
        }
        lastActivity.put(key, activity(layer, false));
        layers.remove(key);
        try {
            layer.close();
        } catch (IOException e) {
            log.error("Closing the write cache of {} failed: {}", layer.client, e.getMessage());
        }
    }

    /** Every client's disk use, open sessions first, then the last state of closed ones. */
    public synchronized List<DiskActivity> activity() {
        List<DiskActivity> out = new ArrayList<>();
        for (ClientLayer l : layers.values()) {
            out.add(activity(l, true));
        }
        for (var e : lastActivity.entrySet()) {
            if (!layers.containsKey(e.getKey())) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    private static DiskActivity activity(ClientLayer l, boolean open) {
        var snapshot = l.access.snapshot();
        double bootSet = -1;
        var profile = l.base.profile();
        if (profile != null && profile.chunkCount() > 0) {
            int read = 0;
            int perChunk = Math.max(1, profile.chunkSize() / ClientLayer.ACCESS_GRANULARITY);
            for (long chunk : profile.chunks()) {
                if (snapshot.wasRead(chunk * perChunk)) {
                    read++;
                }
            }
            bootSet = (double) read / profile.chunkCount();
        }
        return new DiskActivity(l.mac, l.client, l.base.vdisk, open, snapshot, l.overlay.allocatedBytes(),
                l.overlay.quotaBytes(), bootSet);
    }

    /** Loads every vDisk's boot set into the read cache (at server start). */
    public void prefetchAll() {
        for (String name : names()) {
            try {
                synchronized (this) {
                    base(vdisk(name)).prefetch();
                }
            } catch (SessionRefusedException e) {
                log.warn("No prefetch for vDisk '{}': {}", name, e.getMessage());
            }
        }
    }

    private Vdisk vdisk(String name) throws SessionRefusedException {
        return db.call(c -> vdisks.byName(c, name)).orElseThrow(() -> new SessionRefusedException(
                SessionRefusal.Reason.UNKNOWN_VDISK, "there is no vDisk named '" + name + "'"));
    }

    private boolean assigned(Client client, Vdisk vdisk) {
        return db.call(c -> {
            for (Assignment a : assignments.ofVdisk(c, vdisk.id())) {
                boolean mine = switch (a.target()) {
                    case Assignment.ToClient tc -> tc.clientId() == client.id();
                    case Assignment.ToGroup tg -> client.groupId().isPresent() && client.groupId().get() == tg.groupId();
                };
                if (mine) {
                    return true;
                }
            }
            return false;
        });
    }

    private SharedBase base(Vdisk vdisk) throws SessionRefusedException {
        String key = vdisk.name() + "@" + vdisk.currentVersion();
        SharedBase base = bases.get(key);
        if (base != null) {
            return base;
        }
        VdiskVersion version = db.call(c -> vdisks.versions(c, vdisk.id())).stream()
                .filter(v -> v.number() == vdisk.currentVersion()).findFirst()
                .orElseThrow(() -> new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE,
                        "vDisk '" + vdisk.name() + "' has no current version"));
        try {
            base = SharedBase.open(vdisk.name(), version.number(), layout.resolve(version.file()), cache);
        } catch (IOException e) {
            throw new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE,
                    "the image of vDisk '" + vdisk.name() + "' cannot be opened: " + e.getMessage());
        }
        bases.put(key, base);
        return base;
    }

    @Override
    public synchronized void close() {
        for (String key : new ArrayList<>(layers.keySet())) {
            ClientLayer l = layers.remove(key);
            try {
                l.close();
            } catch (IOException e) {
                log.error("Closing the write cache of {} failed: {}", l.client, e.getMessage());
            }
        }
        for (SharedBase b : bases.values()) {
            try {
                b.close();
            } catch (IOException e) {
                log.warn("Closing {} failed: {}", b.vdisk, e.getMessage());
            }
        }
        bases.clear();
    }
}
