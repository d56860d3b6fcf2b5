package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.admin.AdminException;
import org.streamboot.server.block.CowOverlay;
import org.streamboot.server.db.ClientRepository;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.VdiskRepository;
import org.streamboot.server.model.Client;
import org.streamboot.server.model.Vdisk;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.server.model.VdiskVersion;
import org.streamboot.server.model.VdiskVersion.VersionState;

/**
 * The life of a vDisk's versions: maintenance (one admin client writes a draft delta over the
 * current version), promote, roll back, and merge the chain into a new raw base. Clients that
 * are running keep the chain they opened; every change here takes effect at a client's next
 * boot. Files and rows change in an order that leaves a consistent store after a crash at any
 * step: new files are complete before a row names them, and old files go only after no row
 * names them. Blocking: run it from the CLI or a background task.
 */
public final class VdiskVersions {

    private static final Logger log = LoggerFactory.getLogger(VdiskVersions.class);

    private final Database db;
    private final VdiskLayout layout;
    private final Clock clock;
    private final VdiskRepository vdisks = new VdiskRepository();
    private final ClientRepository clients = new ClientRepository();

    public VdiskVersions(Database db, VdiskLayout layout, Clock clock) {
        this.db = db;
        this.layout = layout;
        this.clock = clock;
    }

    public List<VdiskVersion> list(String name) {
        Vdisk vdisk = require(name);
        return db.call(c -> vdisks.versions(c, vdisk.id()));
    }

    /**
     * Puts a vDisk into maintenance mode: an empty draft version N+1 over the current version N,
     * which only {@code clientName} writes. Every other client keeps booting version N.
     */
    public VdiskVersion maintain(String name, String clientName) throws IOException {
        Vdisk vdisk = require(name);
        switch (vdisk.mode()) {
            case MAINTENANCE -> throw new AdminException("vDisk '" + vdisk.name() + "' is already in maintenance mode;"
                    + " promote or discard its draft first");
            case PRIVATE -> throw new AdminException("vDisk '" + vdisk.name() + "' is in private mode, where its one"
                    + " client already writes it; versions are made from standard-mode vDisks");
            case STANDARD -> { }
        }
        Client client = db.call(c -> clients.byName(c, clientName))
                .orElseThrow(() -> new AdminException("there is no client named '" + clientName + "'"));
        if (!db.call(c -> AssignmentCheck.assigned(c, client, vdisk.id()))) {
            throw new AdminException("vDisk '" + vdisk.name() + "' is not assigned to " + client.name()
                    + " or its group; assign it first");
        }
        List<VdiskVersion> versions = db.call(c -> vdisks.versions(c, vdisk.id()));
        int number = versions.stream().mapToInt(VdiskVersion::number).max().orElse(0) + 1;
        Path draft = layout.deltaVersion(vdisk.name(), number);
        deleteTree(draft); // a leftover of a crash between creating the files and the row
        try (VersionChain parent = VersionChain.open(layout, versions, vdisk.currentVersion());
             CowOverlay empty = CowOverlay.open(draft, parent, Long.MAX_VALUE)) {
            empty.flush();
        }
        try {
            VdiskVersion created = db.transaction(c -> {
                VdiskVersion v = vdisks.insertVersion(c, vdisk.id(), number, vdisk.currentVersion(), VersionState.DRAFT,
                        layout.relative(draft), "maintenance by " + client.name(), clock.millis());
                vdisks.startMaintenance(c, vdisk.id(), client.id(), vdisk.mode());
                return v;
            });
            log.info("vDisk '{}' in maintenance: {} writes draft v{} over v{}", vdisk.name(), client.name(), number,
                    vdisk.currentVersion());
            return created;
        } catch (RuntimeException e) {
            deleteTree(draft);
            throw e;
        }
    }

    /** The draft becomes the current version; new sessions boot it, running ones keep theirs. */
    public VdiskVersion promote(String name) throws IOException {
        Vdisk vdisk = require(name);
        VdiskVersion draft = draftOf(vdisk);
        try (InUseLock ignored = draftLock(vdisk)) {
            db.transaction(c -> {
                VdiskMode back = vdisks.maintenance(c, vdisk.id()).map(VdiskRepository.Maintenance::previousMode)
                        .orElse(VdiskMode.STANDARD);
                vdisks.setVersionState(c, draft.id(), VersionState.ACTIVE);
                vdisks.setCurrentVersion(c, vdisk.id(), draft.number());
                vdisks.endMaintenance(c, vdisk.id(), back);
                return null;
            });
        }
        log.info("vDisk '{}': v{} promoted; clients boot it from their next boot", vdisk.name(), draft.number());
        return version(vdisk, draft.number());
    }

    /** Throws the draft away and leaves maintenance mode; the current version is unchanged. */
    public void discardDraft(String name) throws IOException {
        Vdisk vdisk = require(name);
        VdiskVersion draft = draftOf(vdisk);
        try (InUseLock ignored = draftLock(vdisk)) {
            db.transaction(c -> {
                VdiskMode back = vdisks.maintenance(c, vdisk.id()).map(VdiskRepository.Maintenance::previousMode)
                        .orElse(VdiskMode.STANDARD);
                // The row stays (RETIRED) so that its number is never used again: a running
                // server caches chains by name and number.
                vdisks.setVersionState(c, draft.id(), VersionState.RETIRED);
                vdisks.endMaintenance(c, vdisk.id(), back);
                return null;
            });
            deleteTree(layout.resolve(draft.file()));
        }
        log.info("vDisk '{}': draft v{} discarded", vdisk.name(), draft.number());
    }

    /** The current version is retired and the newest older ACTIVE version becomes current again. */
    public VdiskVersion rollback(String name) {
        Vdisk vdisk = require(name);
        if (vdisk.mode() == VdiskMode.MAINTENANCE) {
            throw new AdminException("vDisk '" + vdisk.name() + "' is in maintenance mode; promote or discard the"
                    + " draft before rolling back");
        }
        List<VdiskVersion> versions = db.call(c -> vdisks.versions(c, vdisk.id()));
        VdiskVersion current = versions.stream().filter(v -> v.number() == vdisk.currentVersion()).findFirst()
                .orElseThrow(() -> new AdminException("vDisk '" + vdisk.name() + "' has no current version"));
        VdiskVersion previous = versions.stream()
                .filter(v -> v.state() == VersionState.ACTIVE && v.number() < current.number())
                .max(Comparator.comparingInt(VdiskVersion::number))
                .orElseThrow(() -> new AdminException("vDisk '" + vdisk.name() + "' has no earlier active version to"
                        + " roll back to"));
        db.transaction(c -> {
            vdisks.setVersionState(c, current.id(), VersionState.RETIRED);
            vdisks.setCurrentVersion(c, vdisk.id(), previous.number());
            return null;
        });
        log.info("vDisk '{}' rolled back from v{} to v{}", vdisk.name(), current.number(), previous.number());
        return version(vdisk, previous.number());
    }

    /**
     * Offline: flattens the current version's chain into a new raw base {@code vM.raw}, which
     * becomes the only version. Refused while any client has the vDisk open; the server
     * refuses new sessions while it runs.
     */
    public VdiskVersion merge(String name, ImportProgress.Listener listener, BooleanSupplier cancelled)
            throws IOException, ImportException {
        Vdisk vdisk = require(name);
        if (vdisk.mode() == VdiskMode.MAINTENANCE) {
            throw new AdminException("vDisk '" + vdisk.name() + "' is in maintenance mode; promote or discard the"
                    + " draft before merging");
        }
        List<VdiskVersion> versions = db.call(c -> vdisks.versions(c, vdisk.id()));
        if (versions.size() <= 1) {
            throw new AdminException("vDisk '" + vdisk.name() + "' has a single version; there is nothing to merge");
        }
        try (InUseLock ignored = InUseLock.tryAcquire(layout.sessionsLock(vdisk.name())).orElseThrow(() ->
                new AdminException("clients have vDisk '" + vdisk.name() + "' open; merge it when they are shut down"))) {
            return mergeLocked(vdisk, versions, listener, cancelled);
        }
    }

    private VdiskVersion mergeLocked(Vdisk vdisk, List<VdiskVersion> versions, ImportProgress.Listener listener,
                                     BooleanSupplier cancelled) throws IOException, ImportException {
        int number = versions.stream().mapToInt(VdiskVersion::number).max().orElseThrow() + 1;
        int from = vdisk.currentVersion();
        Path target = layout.rawVersion(vdisk.name(), number);
        Files.createDirectories(layout.tmpDir());
        Path tmp = Files.createTempFile(layout.tmpDir(), vdisk.name() + "-merge-", ".raw");
        Files.delete(tmp);
        try {
            long started = System.nanoTime();
            long[] lastReport = {0};
            try (VersionChain chain = VersionChain.open(layout, versions, from)) {
                long size = chain.size();
                RawCopy.copy(chain, tmp, done -> VdiskStore.report(listener, vdisk.name(), done, size, started, lastReport,
                        done == size), cancelled);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        Path oldProfile = layout.bootProfile(vdisk.name(), from);
        if (Files.exists(oldProfile)) {
            // Same bytes at the same offsets: the boot order recorded for v(from) holds for vM.
            Files.copy(oldProfile, layout.bootProfile(vdisk.name(), number), StandardCopyOption.REPLACE_EXISTING);
        }
        VdiskVersion merged = db.transaction(c -> {
            for (VdiskVersion v : versions) {
                vdisks.deleteVersion(c, v.id());
            }
            VdiskVersion v = vdisks.insertVersion(c, vdisk.id(), number, 0, VersionState.ACTIVE, layout.relative(target),
                    "merged from v" + from, clock.millis());
            vdisks.setCurrentVersion(c, vdisk.id(), number);
            return v;
        });
        keepWriteCaches(vdisk.name(), from, number);
        for (VdiskVersion v : versions) {
            deleteTree(layout.resolve(v.file()));
            Files.deleteIfExists(layout.bootProfile(vdisk.name(), v.number()));
        }
        log.info("vDisk '{}': v{} and its {} ancestors merged into v{}", vdisk.name(), from, versions.size() - 1, number);
        return merged;
    }

    /**
     * A merge keeps every byte of the current version where it was, so the write caches made
     * on it stay valid on the merged base (persistent caches survive); others are stale anyway.
     */
    private void keepWriteCaches(String name, int from, int to) throws IOException {
        Path dir = layout.writeCacheDir(name);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var caches = Files.list(dir)) {
            for (Path cache : caches.filter(Files::isDirectory).toList()) {
                if (BaseVersionMarker.read(cache) == from) {
                    BaseVersionMarker.write(cache, to);
                }
            }
        }
    }

    private InUseLock draftLock(Vdisk vdisk) throws IOException {
        return InUseLock.tryAcquire(layout.draftLock(vdisk.name())).orElseThrow(() -> new AdminException(
                "the maintenance client still has the draft of '" + vdisk.name() + "' open; shut it down first"));
    }

    private VdiskVersion draftOf(Vdisk vdisk) {
        if (vdisk.mode() != VdiskMode.MAINTENANCE) {
            throw new AdminException("vDisk '" + vdisk.name() + "' is not in maintenance mode");
        }
        return db.call(c -> vdisks.versions(c, vdisk.id())).stream().filter(v -> v.state() == VersionState.DRAFT)
                .findFirst().orElseThrow(() -> new AdminException("vDisk '" + vdisk.name() + "' has no draft version"));
    }

    private VdiskVersion version(Vdisk vdisk, int number) {
        return db.call(c -> vdisks.versions(c, vdisk.id())).stream().filter(v -> v.number() == number).findFirst()
                .orElseThrow();
    }

    private Vdisk require(String name) {
        return db.call(c -> vdisks.byName(c, name)).orElseThrow(() -> new AdminException("there is no vDisk named '"
                + name + "'"));
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
