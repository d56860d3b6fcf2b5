package org.streamboot.ui.dnd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import org.streamboot.server.admin.Views.ClientView;
import org.streamboot.server.admin.Views.GroupView;
import org.streamboot.server.admin.Views.VdiskView;
import org.streamboot.server.vdisk.ImportProgress;
import org.streamboot.ui.actions.ConsoleActions;
import org.streamboot.ui.actions.Done;
import org.streamboot.ui.actions.ImportJob;
import org.streamboot.ui.notify.NotificationBar;
import org.streamboot.ui.shell.ConsoleSnapshot;
import org.streamboot.ui.sidebar.SidebarViewModel;

/**
 * Where the console's drops and buttons meet the server: checks each drop against the last
 * snapshot ({@link DropRules}), runs the change through {@link ConsoleActions} off the FX
 * thread, and reports the outcome as a notification back on the FX thread. Lives on the FX
 * thread; until the server is open, every drop is refused.
 */
public final class Provisioning {

    private final NotificationBar notifications;
    private final DragFeedback feedback;
    private ConsoleActions actions;
    private ConsoleSnapshot snapshot;

    public Provisioning(NotificationBar notifications) {
        this.notifications = notifications;
        this.feedback = new DragFeedback(notifications::error);
    }

    public DragFeedback feedback() {
        return feedback;
    }

    public void connect(ConsoleActions connected) {
        this.actions = connected;
    }

    public void show(ConsoleSnapshot latest) {
        this.snapshot = latest;
    }

    // ---- checks, while the pointer moves ---------------------------------------------------

    public Verdict vdiskOntoClients(String vdisk, List<String> clients) {
        Optional<Verdict> notReady = notReady();
        if (notReady.isPresent()) {
            return notReady.get();
        }
        return vdisk(vdisk).map(v -> DropRules.vdiskOntoClients(v, clients(clients)))
                .orElse(Verdict.refuse("vDisk '" + vdisk + "' no longer exists"));
    }

    public Verdict vdiskOntoGroup(String vdisk, String group) {
        Optional<Verdict> notReady = notReady();
        if (notReady.isPresent()) {
            return notReady.get();
        }
        Optional<GroupView> g = snapshot.groups().stream().filter(x -> x.name().equals(group)).findFirst();
        Optional<VdiskView> v = vdisk(vdisk);
        if (g.isEmpty() || v.isEmpty()) {
            return Verdict.refuse("that group or vDisk no longer exists");
        }
        return DropRules.vdiskOntoGroup(v.get(), g.get());
    }

    public Verdict clientsOntoGroup(List<String> clients, String group) {
        Optional<Verdict> notReady = notReady();
        if (notReady.isPresent()) {
            return notReady.get();
        }
        return snapshot.groups().stream().filter(x -> x.name().equals(group)).findFirst()
                .map(g -> DropRules.clientsOntoGroup(clients(clients), g))
                .orElse(Verdict.refuse("group '" + group + "' no longer exists"));
    }

    public Verdict imageFiles(List<Path> files) {
        Optional<Verdict> notReady = notReady();
        return notReady.orElseGet(() -> DropRules.imageFile(files, snapshot.vdisks()));
    }

    /** A chip dragged off its card: only the client's own assignment can be withdrawn there. */
    public Verdict chipOff(String client, String vdisk) {
        Optional<Verdict> notReady = notReady();
        if (notReady.isPresent()) {
            return notReady.get();
        }
        Optional<VdiskView> v = vdisk(vdisk);
        if (v.isPresent() && !v.get().assignedTo().contains("client " + client)) {
            String via = clients(List.of(client)).stream().map(ClientView::group).findFirst().orElse(null);
            return Verdict.refuse(client + " gets '" + vdisk + "' from its group" + (via == null ? "" : " " + via)
                    + "; take it off the group instead");
        }
        return Verdict.OK;
    }

    // ---- changes -------------------------------------------------------------------------

    public void assign(String vdisk, List<String> clients) {
        report(actions.assign(vdisk, clients));
    }

    public void assignToGroup(String vdisk, String group) {
        report(actions.assignToGroup(vdisk, group));
    }

    public void moveClients(List<String> clients, String group) {
        report(actions.moveClients(clients, group));
    }

    public void unassign(String vdisk, String client) {
        report(actions.unassign(vdisk, client));
    }

    public void approve(String client) {
        if (ready()) {
            report(actions.approve(client));
        }
    }

    public void remove(String client) {
        if (ready()) {
            report(actions.remove(client));
        }
    }

    public void resetWriteCache(String client) {
        if (ready()) {
            report(actions.resetWriteCache(client));
        }
    }

    /** Starts the import of one image with a progress toast that can cancel it. */
    public void importImage(Path image) {
        String name = DropRules.vdiskName(image);
        ImportJob[] job = new ImportJob[1];
        NotificationBar.Progress toast = notifications.progress("Importing " + image.getFileName() + " as " + name + "…",
                () -> job[0].cancel());
        ImportProgress.Listener listener = p -> Platform.runLater(() -> toast.update(p.fraction(),
                "Importing " + name + ": " + SidebarViewModel.size(p.bytesDone()) + " of "
                        + SidebarViewModel.size(p.bytesTotal())));
        job[0] = actions.importImage(image, name, listener);
        job[0].result().whenComplete((done, error) -> Platform.runLater(() -> {
            toast.close();
            announce(done, error);
        }));
    }

    private void report(CompletableFuture<Done> outcome) {
        outcome.whenComplete((done, error) -> Platform.runLater(() -> announce(done, error)));
    }

    private void announce(Done done, Throwable error) {
        if (error != null) {
            notifications.error(ConsoleActions.reason(error));
        } else if (done.undoable()) {
            notifications.success(done.message(), "Undo", () -> report(done.undo().get()));
        } else {
            notifications.success(done.message());
        }
    }

    private boolean ready() {
        return actions != null && snapshot != null;
    }

    private Optional<Verdict> notReady() {
        return ready() ? Optional.empty() : Optional.of(Verdict.refuse("the server is still starting"));
    }

    private Optional<VdiskView> vdisk(String name) {
        return snapshot.vdisks().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    private List<ClientView> clients(List<String> names) {
        List<ClientView> out = new ArrayList<>();
        for (ClientView c : snapshot.clients()) {
            if (names.contains(c.name())) {
                out.add(c);
            }
        }
        return out;
    }
}
