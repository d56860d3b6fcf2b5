package org.streamboot.ui.shell;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
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
import javafx.scene.layout.VBox;
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
import org.streamboot.ui.settings.SettingsAccess;
import org.streamboot.ui.settings.SettingsDialog;
import org.streamboot.ui.sidebar.SidebarView;
import org.streamboot.ui.theme.Theme;
import org.streamboot.ui.theme.ThemeSwitcher;

/**
 * The window's layout: services along the top, groups and vDisks on the left, clients (with
 * the selected one's detail) and the cache page in the middle, a status line at the bottom,
 * notifications in the corner. It only ever shows a {@link ConsoleSnapshot} it is given, on
 * the FX thread; changes go through {@link Provisioning}, which runs them off the FX thread.
 */
public final class ConsoleShell implements Shortcuts.Actions {

    private final ShellViewModel model;
    private final NotificationBar notifications = new NotificationBar();
    private final Provisioning provisioning = new Provisioning(notifications);
    private final ServerConfig config;
    private final ThemeSwitcher themes;
    private final ServicesBar services;
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
    private SettingsAccess settings;
    private final Label dhcp = statusLabel("status-dhcp");
    private java.util.function.Consumer<Runnable> applyAround = Runnable::run;

    /** A shell whose theme choice is not remembered (tests, screenshots). */
    public ConsoleShell(ServerConfig config, ZoneId zone) {
        this(config, zone, new ThemeSwitcher(Theme.LIGHT, t -> { }));
    }

    public ConsoleShell(ServerConfig config, ZoneId zone, ThemeSwitcher themes) {
        this.config = config;
        this.themes = themes;
        this.services = new ServicesBar(config.dhcpMode());
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
        cache.setShowing(false);
        cacheTab.selectedProperty().addListener((o, was, now) -> cache.setShowing(now));
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        BorderPane layout = new BorderPane();
        layout.getStyleClass().add("console");
        layout.setTop(new VBox(new ConsoleToolbar(this, themes).node(), services.node()));
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

    /** The settings dialog reads and writes through this once the server is open. */
    public void connectSettings(SettingsAccess access) {
        this.settings = access;
    }

    /** Listens for the keyboard shortcuts in this scene (the one showing {@link #root}). */
    public void installShortcuts(Scene scene) {
        Shortcuts.install(scene, this);
    }

    // ---- the window's actions (buttons and shortcuts) ------------------------------------

    @Override
    public void focusSearch() {
        clients.focusSearch();
    }

    @Override
    public void toggleView() {
        clients.toggleView();
    }

    @Override
    public void toggleTheme() {
        themes.toggle();
    }

    @Override
    public void openSettings() {
        if (settings == null) {
            notifications.error("Settings open once the server has started");
            return;
        }
        SettingsDialog.open(root.getScene().getWindow(), settings, notifications::success, notifications::error);
    }

    @Override
    public void approveSelected() {
        List<ClientCard> selected = clients.selectedCards();
        List<ClientCard> pending = selected.stream().filter(ClientCard::pending).toList();
        if (pending.isEmpty()) {
            notifications.error(selected.isEmpty()
                    ? "Select a client marked Pending first: click its card (Ctrl-click adds more)"
                    : "None of the selected clients waits for approval");
            return;
        }
        pending.forEach(c -> provisioning.approve(c.name()));
    }

    @Override
    public void removeSelected() {
        List<String> names = clients.selectedCards().stream().map(ClientCard::name).toList();
        if (names.isEmpty()) {
            notifications.error("Select the clients to remove first: click a card (Ctrl-click adds more)");
            return;
        }
        String who = String.join(", ", names);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Remove " + who + "? Their assignments go with them;"
                + " a removed PC that boots again registers as a new client.",
                new ButtonType("Remove", ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
        alert.setTitle("Streamboot");
        alert.setHeaderText(names.size() == 1 ? "Remove " + who + "?" : "Remove " + names.size() + " clients?");
        alert.getDialogPane().setId("confirm-remove");
        alert.initOwner(root.getScene().getWindow());
        // Not showAndWait: a nested event loop inside an accelerator is avoidable, so avoid it.
        alert.setOnHidden(e -> {
            if (alert.getResult() != null && alert.getResult().getButtonData() == ButtonBar.ButtonData.OK_DONE) {
                names.forEach(provisioning::remove);
                select(null);
            }
        });
        alert.show();
    }

    /** Releases the actions' background threads; called when the window closes. */
    public void disconnect() {
        if (actions != null) {
            actions.close();
        }
    }

    /** Applies one whole snapshot; called once per poll on the FX thread. */
    public void apply(ConsoleSnapshot snapshot) {
        applyAround.accept(() -> applyViews(snapshot));
    }

    /** Runs every {@link #apply} through {@code around}, which must run it once (the console benchmark times it). */
    public void measureApplies(java.util.function.Consumer<Runnable> around) {
        this.applyAround = around;
    }

    private void applyViews(ConsoleSnapshot snapshot) {
        last = snapshot;
        provisioning.show(snapshot);
        services.show(snapshot.services(), snapshot.live().recent());
        sidebar.show(snapshot.groups(), snapshot.vdisks());
        clients.show(snapshot);
        cache.show(snapshot);
        showDetail();
        summary.setText(ServicesViewModel.summary(snapshot.services()));
        summary.getStyleClass().remove("status-problem");
        updated.setText(model.updatedAt(snapshot.takenAt()));
        if (settings != null) {
            // A volatile read of the server's configuration: the mode may change in the settings.
            var running = settings.running().dhcpMode();
            services.dhcpMode(running);
            dhcp.setText(ShellViewModel.dhcpMode(running));
        }
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
