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
import org.streamboot.server.db.ClientRepository;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.VdiskRepository;
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
 *   CowOverlay   DATA/writecache/VDISK/MAC/   (standard: discarded at the client's next boot unless persistent,
 *                                              and whenever it was made on another version than the current)
 *                DATA/vdisks/VDISK/private/    (private: one client at a time, kept)
 *                DATA/vdisks/VDISK/vN+1/       (maintenance: the draft, written by the maintenance client only)
 *     BootProfileRecorder (first minutes of reads, in order)
 *       CachedDevice (shared RAM read cache)
 *         VersionChain of the current version N, read-only:
 *           CowOverlay DATA/vdisks/VDISK/vN/ ... over RawImage DATA/vdisks/VDISK/v1.raw (never written)
 * </pre>
 *
 * A client's layer is built once and kept while any of its sessions is open, so a promote or a
 * rollback never changes what a running client sees: it gets the new current version at its
 * next boot. Shared bases are keyed by name and version, so old and new chains live side by side.
 * A new boot of the PC ends that: sessions its last boot left open are cut off and the layer is
 * opened again (empty, for a standard write cache).
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

    private final Map<String, SharedBase> bases = new HashMap<>();
    private final Map<String, ClientLayer> layers = new HashMap<>();
    private final Set<MacAddress> newBoots = new HashSet<>();
    private final Map<String, DiskActivity> lastActivity = new HashMap<>();
    private final Map<String, InUseLock> vdiskLocks = new HashMap<>();

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

    /** True when two devices this store opened are sessions of the same client layer. */
    public static boolean sameLayer(BlockDevice a, BlockDevice b) {
        return a instanceof SessionDevice x && b instanceof SessionDevice y && x.layer() == y.layer();
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
        if (layer != null && newBoots.contains(client.mac())) {
            // The PC booted anew while a session of its last boot is still open: an OS that
            // powers off never logs out of the iSCSI session iPXE opened, and the target only
            // notices at its next NOP-In. That layer belongs to a PC that is gone.
            retire(key, layer);
            layer = null;
        }
        if (layer == null) {
            layer = openLayer(client, vdisk, key);
        }
        layer.sessions++;
        log.info("{} opened vDisk '{}' ({} session{})", client.name(), vdisk.name(), layer.sessions, layer.sessions == 1 ? "" : "s");
        return new SessionDevice(this, key, layer);
    }

    /** Where one client's writes go, decided from the vDisk's mode and who the client is. */
    private record WritePlace(Path dir, boolean draft, boolean privateLayer, long quota, boolean discardOnNewBoot) {
    }

    private WritePlace writePlace(Client client, Vdisk vdisk) throws SessionRefusedException {
        Path cacheDir = layout.writeCacheDir(vdisk.name()).resolve(client.mac().compact());
        WritePlace standard = new WritePlace(cacheDir, false, false, quotaBytes, !vdisk.persistent());
        return switch (vdisk.mode()) {
            case STANDARD -> standard;
            case PRIVATE -> {
                Optional<ClientLayer> other = layers.values().stream()
                        .filter(l -> l.base.vdisk.equals(vdisk.name()) && !l.mac.equals(client.mac())).findFirst();
                if (other.isPresent()) {
                    throw new SessionRefusedException(SessionRefusal.Reason.IN_USE, "private vDisk '" + vdisk.name()
                            + "' is in use by " + other.get().client);
                }
                yield new WritePlace(layout.vdiskDir(vdisk.name()).resolve("private"), false, true, quotaBytes, false);
            }
            case MAINTENANCE -> {
                // Only the maintenance client writes the draft; everyone else boots the current
                // version as a standard client until the draft is promoted.
                var maintenance = db.call(c -> vdisks.maintenance(c, vdisk.id()));
                if (maintenance.isEmpty() || maintenance.get().clientId() != client.id()) {
                    yield standard;
                }
                VdiskVersion draft = db.call(c -> vdisks.versions(c, vdisk.id())).stream()
                        .filter(v -> v.state() == VdiskVersion.VersionState.DRAFT).findFirst()
                        .orElseThrow(() -> new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE,
                                "vDisk '" + vdisk.name() + "' is in maintenance mode but has no draft version"));
                if (draft.parentNumber() != vdisk.currentVersion()) {
                    throw new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE, "the draft v" + draft.number()
                            + " of '" + vdisk.name() + "' is not based on the current version " + vdisk.currentVersion());
                }
                yield new WritePlace(layout.resolve(draft.file()), true, false, Long.MAX_VALUE, false);
            }
        };
    }

    private ClientLayer openLayer(Client client, Vdisk vdisk, String key) throws SessionRefusedException {
        SharedBase base = base(vdisk);
        WritePlace place = writePlace(client, vdisk);
        boolean newBoot = newBoots.remove(client.mac());
        String what = place.draft() ? "the draft" : "the write cache";
        InUseLock draftLock = null;
        boolean firstOfVdisk = holdVdisk(vdisk.name());
        try {
            if (place.draft()) {
                draftLock = InUseLock.tryAcquire(layout.draftLock(vdisk.name())).orElseThrow(() ->
                        new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE,
                                "the draft of vDisk '" + vdisk.name() + "' is being promoted or discarded"));
            }
            boolean stale = false;
            if (!place.draft()) {
                int madeOn = BaseVersionMarker.read(place.dir());
                stale = madeOn != 0 && madeOn != vdisk.currentVersion();
                if (stale && place.privateLayer()) {
                    throw new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE, "the private layer of '"
                            + vdisk.name() + "' was written on version " + madeOn + ", not the current version "
                            + vdisk.currentVersion());
                }
                if (stale) {
                    log.info("Discarding the write cache of {} for '{}': it was made on v{}, the vDisk is now at v{}",
                            client.name(), vdisk.name(), madeOn, vdisk.currentVersion());
                }
            }
            boolean discard = stale || place.discardOnNewBoot() && newBoot;
            ClientLayer layer = ClientLayer.open(client.mac(), client.name(), base, place.dir(), place.quota(), discard,
                    draftLock);
            if (!place.draft()) {
                BaseVersionMarker.write(place.dir(), vdisk.currentVersion());
            }
            layers.put(key, layer);
            return layer;
        } catch (IOException e) {
            undoOpen(vdisk.name(), firstOfVdisk, draftLock);
            throw new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE,
                    "cannot open " + what + " of " + client.name() + " for '" + vdisk.name() + "': " + e.getMessage());
        } catch (RuntimeException | SessionRefusedException e) {
            undoOpen(vdisk.name(), firstOfVdisk, draftLock);
            throw e;
        }
    }

    private void undoOpen(String vdisk, boolean firstOfVdisk, InUseLock draftLock) {
        closeQuietly(draftLock);
        if (firstOfVdisk) {
            releaseVdisk(vdisk);
        }
    }

    /**
     * Takes the vDisk's sessions lock when this is its first open layer: a merge in another
     * process (or this one) holds it while it rewrites the files. True when it was taken now.
     */
    private boolean holdVdisk(String name) throws SessionRefusedException {
        if (vdiskLocks.containsKey(name)) {
            return false;
        }
        try {
            InUseLock lock = InUseLock.tryAcquire(layout.sessionsLock(name)).orElseThrow(() ->
                    new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE,
                            "vDisk '" + name + "' is being merged; try again when the merge is done"));
            vdiskLocks.put(name, lock);
            return true;
        } catch (IOException e) {
            throw new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE,
                    "cannot lock vDisk '" + name + "': " + e.getMessage());
        }
    }

    private void releaseVdisk(String name) {
        closeQuietly(vdiskLocks.remove(name));
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Cannot release {}: {}", c, e.getMessage());
            }
        }
    }

    /** A session ends; the layer closes with its last session, unless it was retired already. */
    synchronized void release(String key, ClientLayer layer) {
        if (layers.get(key) != layer || --layer.sessions > 0) {
            return;
        }
        close(key, layer);
    }

    /** Closes a layer whose sessions belong to a boot that is over; their further I/O fails. */
    private void retire(String key, ClientLayer layer) {
        log.info("{} booted again while {} session{} of its last boot still held vDisk '{}'; closing them", layer.client,
                layer.sessions, layer.sessions == 1 ? "" : "s", layer.base.vdisk);
        close(key, layer);
    }

    private void close(String key, ClientLayer layer) {
        lastActivity.put(key, activity(layer, false));
        layers.remove(key);
        try {
            layer.close();
        } catch (IOException e) {
            log.error("Closing the write cache of {} failed: {}", layer.client, e.getMessage());
        }
        if (layers.values().stream().noneMatch(l -> l.base.vdisk.equals(layer.base.vdisk))) {
            releaseVdisk(layer.base.vdisk);
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
        return db.call(c -> AssignmentCheck.assigned(c, client, vdisk.id()));
    }

    private SharedBase base(Vdisk vdisk) throws SessionRefusedException {
        String key = vdisk.name() + "@" + vdisk.currentVersion();
        SharedBase base = bases.get(key);
        if (base != null) {
            return base;
        }
        if (vdisk.currentVersion() == 0) {
            throw new SessionRefusedException(SessionRefusal.Reason.UNAVAILABLE,
                    "vDisk '" + vdisk.name() + "' has no current version");
        }
        List<VdiskVersion> versions = db.call(c -> vdisks.versions(c, vdisk.id()));
        try {
            VersionChain chain = VersionChain.open(layout, versions, vdisk.currentVersion());
            base = SharedBase.open(vdisk.name(), vdisk.currentVersion(), chain,
                    layout.bootProfile(vdisk.name(), vdisk.currentVersion()), cache);
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
        for (String name : new ArrayList<>(vdiskLocks.keySet())) {
            releaseVdisk(name);
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
