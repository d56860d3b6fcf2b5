package org.streamboot.ui.actions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.BootServer;
import org.streamboot.server.admin.AdminException;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.Who;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.server.vdisk.ImportCancelledException;
import org.streamboot.server.vdisk.ImportProgress;
import org.streamboot.server.vdisk.VdiskLayout;
import org.streamboot.server.vdisk.VdiskSessions;
import org.streamboot.server.vdisk.VdiskStore;

/**
 * The console's changes to the database and the vDisk store. Every one blocks on the database
 * or the disk, so each runs on a virtual thread and completes a future; the view turns the
 * outcome into a notification on the FX thread. Failures complete the future with the
 * {@link AdminException} (or import error) whose message the admin reads.
 */
public final class ConsoleActions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsoleActions.class);

    private final AdminService admin;
    private final VdiskStore store;
    private final VdiskSessions sessions;
    private final ExecutorService background = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("streamboot-console-action-", 0).factory());

    public ConsoleActions(AdminService admin, VdiskStore store, VdiskSessions sessions) {
        this.admin = admin;
        this.store = store;
        this.sessions = sessions;
    }

    public static ConsoleActions forServer(BootServer server) {
        return new ConsoleActions(server.admin(),
                new VdiskStore(server.database(), new VdiskLayout(server.config().dataDir()), Clock.systemUTC()),
                server.sessions());
    }

    /** Offers a vDisk to each client; the ones that already had it, or refused it, are named. */
    public CompletableFuture<Done> assign(String vdisk, List<String> clients) {
        return run(() -> {
            List<String> done = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String client : clients) {
                try {
                    admin.assign(new Who.Client(client), vdisk, false);
                    done.add(client);
                } catch (AdminException e) {
                    problems.add(e.getMessage());
                }
            }
            if (done.isEmpty()) {
                throw new AdminException(String.join("; ", problems));
            }
            String message = "Assigned " + vdisk + " to " + String.join(", ", done)
                    + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")");
            return new Done(message, () -> unassignAll(vdisk, done));
        });
    }

    private CompletableFuture<Done> unassignAll(String vdisk, List<String> clients) {
        return run(() -> {
            for (String client : clients) {
                admin.unassign(new Who.Client(client), vdisk);
            }
            return Done.of("Took " + vdisk + " back from " + String.join(", ", clients));
        });
    }

    /** Makes a vDisk the group's default (offering it first when the group did not have it). */
    public CompletableFuture<Done> assignToGroup(String vdisk, String group) {
        return run(() -> {
            admin.assign(new Who.Group(group), vdisk, true);
            return Done.of(vdisk + " is now the default of " + group);
        });
    }

    /** Moves clients into a group; undo moves each back where it was. */
    public CompletableFuture<Done> moveClients(List<String> clients, String group) {
        return run(() -> {
            List<String[]> before = new ArrayList<>();
            for (String client : clients) {
                String from = admin.client(client).group();
                admin.moveClient(client, group);
                before.add(new String[] {client, from});
            }
            return new Done("Moved " + String.join(", ", clients) + " to " + group, () -> run(() -> {
                for (String[] b : before) {
                    admin.moveClient(b[0], b[1]);
                }
                return Done.of("Moved " + String.join(", ", clients) + " back");
            }));
        });
    }

    /** Withdraws a vDisk from one client; undo offers it again. */
    public CompletableFuture<Done> unassign(String vdisk, String client) {
        return run(() -> {
            admin.unassign(new Who.Client(client), vdisk);
            return new Done("Took " + vdisk + " from " + client, () -> run(() -> {
                admin.assign(new Who.Client(client), vdisk, false);
                return Done.of("Gave " + vdisk + " back to " + client);
            }));
        });
    }

    public CompletableFuture<Done> approve(String client) {
        return run(() -> {
            admin.approveClient(client);
            return Done.of(client + " is approved and may boot");
        });
    }

    public CompletableFuture<Done> remove(String client) {
        return run(() -> {
            admin.removeClient(client);
            return Done.of("Removed " + client);
        });
    }

    /** Discards the client's write caches; refused with the reason while it has a vDisk attached. */
    public CompletableFuture<Done> resetWriteCache(String client) {
        return run(() -> {
            var view = admin.client(client);
            List<String> vdisks = sessions.discardWriteCaches(MacAddress.parse(view.mac()), client);
            return Done.of(vdisks.isEmpty() ? client + " had no write cache to discard"
                    : "Discarded the write cache of " + client + " (" + String.join(", ", vdisks) + ")");
        });
    }

    /** Imports an image as a standard-mode vDisk named {@code name}, reporting progress on a background thread. */
    public ImportJob importImage(Path image, String name, ImportProgress.Listener progress) {
        ImportJob job = new ImportJob(name);
        background.execute(() -> {
            try {
                store.importImage(image, name, VdiskMode.STANDARD, false, progress, job::isCancelled);
                job.result().complete(Done.of("Imported " + image.getFileName() + " as vDisk " + name));
            } catch (ImportCancelledException e) {
                job.result().completeExceptionally(new AdminException("Import of " + name + " cancelled"));
            } catch (Exception e) {
                log.warn("Import of {} failed: {}", image, e.getMessage());
                job.result().completeExceptionally(e);
            }
        });
        return job;
    }

    private CompletableFuture<Done> run(Supplier<Done> action) {
        return CompletableFuture.supplyAsync(action, background);
    }

    /** The plain-words reason of a failed action, without the future's wrapping. */
    public static String reason(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        background.shutdown();
    }
}
