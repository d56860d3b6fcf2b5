package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.admin.AdminException;
import org.streamboot.server.db.AssignmentRepository;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.VdiskRepository;
import org.streamboot.server.model.Names;
import org.streamboot.server.model.Vdisk;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.server.model.VdiskVersion.VersionState;

/**
 * Creates, imports and deletes vDisks: the files under {@link VdiskLayout} and their rows in
 * the database, always both or neither. An import is written to {@code tmp/}, checked, moved
 * into place atomically and only then registered; any failure or a cancel removes the partial
 * file. Blocking and long: run it from the CLI or a background task.
 */
public final class VdiskStore {

    private static final Logger log = LoggerFactory.getLogger(VdiskStore.class);
    private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

    private final Database db;
    private final VdiskLayout layout;
    private final Clock clock;
    private final VdiskRepository vdisks = new VdiskRepository();
    private final AssignmentRepository assignments = new AssignmentRepository();

    public VdiskStore(Database db, VdiskLayout layout, Clock clock) {
        this.db = db;
        this.layout = layout;
        this.clock = clock;
    }

    public VdiskLayout layout() {
        return layout;
    }

    /** An empty (all-zero, sparse) vDisk of {@code sizeBytes}, ready to be installed onto. */
    public Vdisk create(String name, long sizeBytes, VdiskMode mode, boolean persistent) throws ImportException {
        String checked = checkNewName(name);
        if (sizeBytes <= 0 || sizeBytes % SizeParser.SECTOR != 0) {
            throw new AdminException("a vDisk's size must be a positive whole number of 512-byte sectors");
        }
        Path tmp = newTmpFile(checked);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.SPARSE)) {
                ch.write(ByteBuffer.allocate(1), sizeBytes - 1);
                ch.force(true);
            }
            return install(checked, tmp, sizeBytes, mode, persistent, "created empty");
        } catch (IOException e) {
            throw new ImportException("cannot create vDisk '" + checked + "': " + e.getMessage());
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Imports a disk image as a new vDisk: raw images are copied (holes kept), qcow2, VMDK,
     * VHD/VHDX and VDI are converted with qemu-img.
     */
    public Vdisk importImage(Path source, String name, VdiskMode mode, boolean persistent, ImportProgress.Listener listener,
                             BooleanSupplier cancelled) throws ImportException {
        String checked = checkNewName(name);
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new AdminException("cannot read the image " + source + ": no such readable file");
        }
        Path tmp = newTmpFile(checked);
        try {
            ImageFormat format = ImageFormat.detect(source);
            long started = System.nanoTime();
            long[] lastReport = {0};
            log.info("Importing {} ({}) as vDisk '{}'", source, format.name().toLowerCase(), checked);
            if (format == ImageFormat.RAW) {
                long total = Files.size(source);
                RawCopy.copy(source, tmp, done -> report(listener, checked, done, total, started, lastReport, false), cancelled);
            } else {
                long estimate = Files.size(source);
                QemuImg.convertToRaw(source, format, tmp,
                        pct -> report(listener, checked, (long) (pct / 100 * estimate), estimate, started, lastReport, false),
                        cancelled);
            }
            long size = padToSectors(tmp);
            report(listener, checked, size, size, started, lastReport, true);
            checkReadable(tmp, size);
            return install(checked, tmp, size, mode, persistent, "imported from " + source.getFileName() + " ("
                    + format.name().toLowerCase() + ")");
        } catch (IOException e) {
            throw new ImportException("cannot import " + source + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportCancelledException();
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Deletes a vDisk with its versions and every write cache; refused while it is assigned. */
    public void delete(String name) throws ImportException {
        Vdisk vdisk = db.call(c -> vdisks.byName(c, name)).orElseThrow(() -> new AdminException("there is no vDisk named '" + name + "'"));
        db.transaction(c -> {
            int uses = assignments.ofVdisk(c, vdisk.id()).size();
            if (uses > 0) {
                throw new AdminException("vDisk '" + vdisk.name() + "' is still assigned (" + uses
                        + " assignment" + (uses == 1 ? "" : "s") + "); unassign it first");
            }
            vdisks.delete(c, vdisk.id());
            return null;
        });
        try {
            deleteTree(layout.vdiskDir(vdisk.name()));
            deleteTree(layout.writeCacheDir(vdisk.name()));
        } catch (IOException e) {
            throw new ImportException("vDisk '" + vdisk.name() + "' was removed from the database but some of its files"
                    + " could not be deleted: " + e.getMessage());
        }
        log.info("vDisk '{}' deleted", vdisk.name());
    }

    private Vdisk install(String name, Path tmp, long size, VdiskMode mode, boolean persistent, String note)
            throws IOException {
        Path base = layout.baseImage(name);
        if (Files.exists(layout.vdiskDir(name))) {
            throw new AdminException("files for a vDisk named '" + name + "' already exist in " + layout.vdiskDir(name)
                    + "; remove them or choose another name");
        }
        Files.createDirectories(base.getParent());
        Files.move(tmp, base, StandardCopyOption.ATOMIC_MOVE);
        // The base image is never written in standard mode; make that true on disk too.
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("r--r--r--"));
        try {
            return db.transaction(c -> {
                if (vdisks.byName(c, name).isPresent()) {
                    throw new AdminException("a vDisk named '" + name + "' already exists");
                }
                long now = clock.millis();
                Vdisk v = vdisks.insert(c, name, mode, size, persistent, now);
                vdisks.insertVersion(c, v.id(), 1, 0, VersionState.ACTIVE, layout.relative(base), note, now);
                vdisks.setCurrentVersion(c, v.id(), 1);
                return vdisks.byId(c, v.id()).orElseThrow();
            });
        } catch (RuntimeException e) {
            deleteTree(layout.vdiskDir(name));
            throw e;
        }
    }

    private String checkNewName(String name) {
        String checked;
        try {
            checked = Names.objectName("vDisk", name);
        } catch (IllegalArgumentException e) {
            throw new AdminException(e.getMessage());
        }
        if (db.call(c -> vdisks.byName(c, checked)).isPresent()) {
            throw new AdminException("a vDisk named '" + checked + "' already exists");
        }
        return checked;
    }

    private Path newTmpFile(String name) throws ImportException {
        try {
            Files.createDirectories(layout.tmpDir());
            Path tmp = Files.createTempFile(layout.tmpDir(), name + "-", ".raw");
            Files.delete(tmp); // writers create it themselves (CREATE_NEW, or qemu-img)
            return tmp;
        } catch (IOException e) {
            throw new ImportException("cannot write into the data directory " + layout.dataDir() + ": " + e.getMessage());
        }
    }

    /** Block targets serve whole 512-byte sectors; a raw image of another size is zero-padded. */
    private static long padToSectors(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new IOException("the image is empty");
        }
        long padded = (size + SizeParser.SECTOR - 1) / SizeParser.SECTOR * SizeParser.SECTOR;
        if (padded != size) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate((int) (padded - size)), size);
            }
        }
        return padded;
    }

    private static void checkReadable(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long at : List.of(0L, size - SizeParser.SECTOR)) {
                ByteBuffer sector = ByteBuffer.allocate(SizeParser.SECTOR);
                while (sector.hasRemaining()) {
                    if (ch.read(sector, at + sector.position()) < 0) {
                        throw new IOException("the converted image is shorter than it claims");
                    }
                }
            }
        }
    }

    static void report(ImportProgress.Listener listener, String name, long done, long total, long started,
                               long[] lastReport, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastReport[0] < PROGRESS_EVERY_NANOS) {
            return;
        }
        lastReport[0] = now;
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = done / seconds;
        long left = rate > 0 && total > done ? (long) Math.ceil((total - done) / rate) : (done >= total ? 0 : -1);
        listener.progress(new ImportProgress(name, done, total, rate, left));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot remove {}: {}", file, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
