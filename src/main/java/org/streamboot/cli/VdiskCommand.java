package org.streamboot.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.Views.VdiskView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.nio.file.Path;
import java.time.Clock;
import org.streamboot.server.db.Database;
import org.streamboot.server.model.Vdisk;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.server.vdisk.DiskUsage;
import org.streamboot.server.vdisk.ImportException;
import org.streamboot.server.vdisk.SizeParser;
import org.streamboot.server.vdisk.VdiskLayout;
import org.streamboot.server.vdisk.VdiskStore;
import picocli.CommandLine.Spec;

/** {@code streamboot vdisk list|create|import|delete}, and the version commands of {@link VdiskVersionCommands}. */
@Command(name = "vdisk", description = "Virtual disks that PCs boot from.", subcommands = {VdiskCommand.ListVdisks.class,
        VdiskCommand.Create.class, VdiskCommand.Import.class, VdiskCommand.Delete.class,
        VdiskVersionCommands.ListVersions.class, VdiskVersionCommands.Maintain.class, VdiskVersionCommands.Promote.class,
        VdiskVersionCommands.Discard.class, VdiskVersionCommands.Rollback.class, VdiskVersionCommands.Merge.class})
final class VdiskCommand {

    static final List<String> HEADER = List.of("NAME", "MODE", "SIZE", "VERSION", "VERSIONS", "ASSIGNED TO");

    static List<String> row(VdiskView v) {
        return row(v, Integer.toString(v.versions()));
    }

    static List<String> row(VdiskView v, String versions) {
        return List.of(v.name(), v.mode() + (v.persistent() ? " (persistent)" : ""), Output.bytes(v.sizeBytes()),
                v.currentVersion() == 0 ? "" : Integer.toString(v.currentVersion()), versions,
                Output.list(v.assignedTo()));
    }

    /**
     * A vDisk with what its files take on disk: {@code allocatedBytes} for its base image,
     * versions and boot profiles (sparse regions not counted), {@code writeCacheBytes} for its
     * clients' write caches.
     */
    record Listed(String name, String mode, long sizeBytes, boolean persistent, int currentVersion, int versions,
                  List<String> assignedTo, long allocatedBytes, long writeCacheBytes) {
    }

    @Command(name = "list", description = "List the vDisks, with the space their images and write caches take.")
    static final class ListVdisks implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (StoreSession s = new StoreSession(dir)) {
                List<VdiskView> all = new AdminService(s.db, Clock.systemUTC()).vdisks();
                VdiskLayout layout = s.store.layout();
                List<Listed> listed = all.stream().map(v -> new Listed(v.name(), v.mode(), v.sizeBytes(), v.persistent(),
                        v.currentVersion(), v.versions(), v.assignedTo(),
                        DiskUsage.allocatedBytes(layout.vdiskDir(v.name())),
                        DiskUsage.allocatedBytes(layout.writeCacheDir(v.name())))).toList();
                if (json) {
                    Output.json(spec.commandLine().getOut(), listed);
                } else {
                    List<String> header = new java.util.ArrayList<>(HEADER);
                    header.addAll(header.size() - 1, List.of("ON DISK", "WRITE CACHES"));
                    Output.table(spec.commandLine().getOut(), header, all.stream().map(v -> {
                        Listed l = listed.get(all.indexOf(v));
                        List<String> row = new java.util.ArrayList<>(row(v, VdiskVersionCommands.summary(s, v.name())));
                        row.addAll(row.size() - 1, List.of(Output.bytes(l.allocatedBytes()), Output.bytes(l.writeCacheBytes())));
                        return List.copyOf(row);
                    }).toList());
                }
            }
            return 0;
        }
    }

    /** The store of one data directory, opened for one command. */
    static final class StoreSession implements AutoCloseable {
        final Database db;
        final VdiskStore store;

        StoreSession(DataDirOption dir) {
            Path data = dir.resolve();
            db = Database.open(data);
            store = new VdiskStore(db, new VdiskLayout(data), Clock.systemUTC());
        }

        @Override
        public void close() {
            db.close();
        }
    }

    static void printCreated(CommandSpec spec, Vdisk v, boolean json) {
        var view = new org.streamboot.server.admin.Views.VdiskView(v.name(), v.mode().name().toLowerCase(), v.sizeBytes(),
                v.persistent(), v.currentVersion(), 1, java.util.List.of());
        if (json) {
            Output.json(spec.commandLine().getOut(), view);
        } else {
            Output.table(spec.commandLine().getOut(), HEADER, List.of(row(view)));
        }
    }

    @Command(name = "create", description = "Create an empty vDisk (sparse: it takes no space until written).")
    static final class Create implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--size", required = true, paramLabel = "SIZE", description = "e.g. 20G, 512M") String size;
        @Option(names = "--mode", paramLabel = "MODE", description = "${COMPLETION-CANDIDATES} (default: standard)")
        VdiskMode mode = VdiskMode.STANDARD;
        @Option(names = "--persistent", description = "Keep client write caches across reboots (standard mode)") boolean persistent;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() throws ImportException {
            long bytes;
            try {
                bytes = SizeParser.parse(size);
            } catch (IllegalArgumentException e) {
                throw new org.streamboot.server.admin.AdminException(e.getMessage());
            }
            try (StoreSession s = new StoreSession(dir)) {
                printCreated(spec, s.store.create(name, bytes, mode, persistent), json);
            }
            return 0;
        }
    }

    @Command(name = "import", description = "Import a disk image (raw, qcow2, VMDK, VHD/VHDX, VDI) as a new vDisk.")
    static final class Import implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE") Path file;
        @Option(names = "--name", required = true, paramLabel = "NAME") String name;
        @Option(names = "--mode", paramLabel = "MODE", description = "${COMPLETION-CANDIDATES} (default: standard)")
        VdiskMode mode = VdiskMode.STANDARD;
        @Option(names = "--persistent", description = "Keep client write caches across reboots (standard mode)") boolean persistent;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() throws ImportException {
            ShutdownSignal interrupt = new ShutdownSignal(); // Ctrl+C cancels and cleans up
            ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getErr(), System.console() != null);
            try (StoreSession s = new StoreSession(dir)) {
                Vdisk v = s.store.importImage(file.toAbsolutePath(), name, mode, persistent, progress, interrupt::received);
                progress.done();
                printCreated(spec, v, json);
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a vDisk, its versions and its write caches (refused while assigned).")
    static final class Delete implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() throws ImportException {
            try (StoreSession s = new StoreSession(dir)) {
                s.store.delete(name);
            }
            return 0;
        }
    }
}
