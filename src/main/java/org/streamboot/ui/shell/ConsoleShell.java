package org.streamboot.ui.shell;

import java.time.ZoneId;
import java.util.Optional;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.ui.actions.ConsoleActions;
import org.streamboot.ui.cache.CacheView;
import org.streamboot.ui.clients.ClientCard;
import org.streamboot.ui.clients.ClientsView;
import org.streamboot.ui.clients.ClientsViewModel;
import org.streamboot.ui.detail.ClientDetailView;
import org.streamboot.ui.dnd.DragFormats;
import org.streamboot.ui.dnd.DropTarget;
import org.streamboot.ui.dnd.Provisioning;
import org.streamboot.ui.notify.NotificationBar;
import org.streamboot.ui.services.ServicesBar;
import org.streamboot.ui.services.ServicesViewModel;
import org.streamboot.ui.sidebar.SidebarView;

/**
 * The window's layout: services along the top, groups and vDisks on the left, clients (with
 * the selected one's detail) and the cache page in the middle, a status line at the bottom,
 * notifications in the corner. It only ever shows a {@link ConsoleSnapshot} it is given, on
 * the FX thread; changes go through {@link Provisioning}, which runs them off the FX thread.
 */
public final class ConsoleShell {

    private final ShellViewModel model;
    private final NotificationBar notifications = new NotificationBar();
    private final Provisioning provisioning = new Provisioning(notifications);
    private final ServicesBar services = new ServicesBar();
    private final SidebarView sidebar = new SidebarView(provisioning);
    private final ClientsView clients;
    private final ClientDetailView detail;
    private final CacheView cache = new CacheView();
    private final SplitPane clientsAndDetail = new SplitPane();
    private final Label summary = statusLabel("status-summary");
    private final Label updated = statusLabel("status-updated");
    private final StackPane root;
    private ConsoleSnapshot last;
    private String selectedMac;
    private ConsoleActions actions;

    public ConsoleShell(ServerConfig config, ZoneId zone) {
        this.model = new ShellViewModel(config, zone);
        this.clients = new ClientsView(new ClientsViewModel(zone), provisioning);
        this.detail = new ClientDetailView(zone, provisioning);
        clients.onSelect(this::select);
        detail.onClose(() -> select(null));
        clientsAndDetail.getItems().add(clients.node());
        clientsAndDetail.getStyleClass().add("clients-split");
        Tab clientsTab = new Tab("Clients", clientsAndDetail);
        clientsTab.setGraphic(new FontIcon(Material2AL.COMPUTER));
        clientsTab.setId("tab-clients");
        Tab cacheTab = new Tab("Cache", cache.node());
        cacheTab.setGraphic(new FontIcon(Material2MZ.MEMORY));
        cacheTab.setId("tab-cache");
        TabPane tabs = new TabPane(clientsTab, cacheTab);
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        BorderPane layout = new BorderPane();
        layout.getStyleClass().add("console");
        layout.setTop(services.node());
        layout.setLeft(sidebar.node());
        layout.setCenter(tabs);
        layout.setBottom(statusLine());
        Label hint = provisioning.feedback().hint();
        StackPane.setAlignment(hint, Pos.TOP_CENTER);
        StackPane.setAlignment(notifications.node(), Pos.BOTTOM_RIGHT);
        root = new StackPane(layout, hint, notifications.node());
        // A vDisk chip dropped anywhere but on its own card is taken off that client.
        DropTarget.install(layout, provisioning.feedback(), b -> b.hasContent(DragFormats.CHIP),
                b -> provisioning.chipOff(DragFormats.chipOf(b)[0], DragFormats.chipOf(b)[1]),
                b -> provisioning.unassign(DragFormats.chipOf(b)[1], DragFormats.chipOf(b)[0]), TransferMode.MOVE);
        summary.setText(model.opening());
    }

    public Parent root() {
        return root;
    }

    public String windowTitle() {
        return model.windowTitle();
    }

    /** From now on drops and buttons change the server through these actions. */
    public void connect(ConsoleActions connected) {
        this.actions = connected;
        provisioning.connect(connected);
    }

    /** Releases the actions' background threads; called when the window closes. */
    public void disconnect() {
        if (actions != null) {
            actions.close();
        }
    }

    /** Applies one whole snapshot; called once per poll on the FX thread. */
    public void apply(ConsoleSnapshot snapshot) {
        last = snapshot;
        provisioning.show(snapshot);
        services.show(snapshot.services());
        sidebar.show(snapshot.groups(), snapshot.vdisks());
        clients.show(snapshot);
        cache.show(snapshot);
        showDetail();
        summary.setText(ServicesViewModel.summary(snapshot.services()));
        summary.getStyleClass().remove("status-problem");
        updated.setText(model.updatedAt(snapshot.takenAt()));
    }

    private void select(ClientCard card) {
        selectedMac = card == null ? null : card.mac();
        showDetail();
    }

    private void showDetail() {
        Optional<ClientCard> card = selectedMac == null ? Optional.empty() : clients.card(selectedMac);
        boolean open = clientsAndDetail.getItems().contains(detail.node());
        if (card.isPresent() && last != null) {
            detail.show(last, card.get());
            if (!open) {
                clientsAndDetail.getItems().add(detail.node());
                clientsAndDetail.setDividerPositions(0.6);
            }
        } else if (open) {
            clientsAndDetail.getItems().remove(detail.node());
        }
    }

    /** Says that the last refresh failed; the next good snapshot clears it. */
    public void showRefreshProblem(String problem) {
        summary.setText("Cannot refresh: " + problem);
        if (!summary.getStyleClass().contains("status-problem")) {
            summary.getStyleClass().add("status-problem");
        }
    }

    public void showStopping() {
        summary.setText("Stopping services and closing the database…");
    }

    private HBox statusLine() {
        Label dataDir = statusLabel("status-data-dir");
        dataDir.setText(model.dataDirectory());
        // A long path is the one thing that may shrink; the window title shows it whole.
        dataDir.setMinWidth(80);
        HBox.setHgrow(dataDir, Priority.SOMETIMES);
        Label dhcp = statusLabel("status-dhcp");
        dhcp.setText(model.dhcpMode());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox line = new HBox(summary, spring, dhcp, new Separator(Orientation.VERTICAL), dataDir,
                new Separator(Orientation.VERTICAL), updated);
        line.getStyleClass().add("status-line");
        return line;
    }

    private static Label statusLabel(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("status-text");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
