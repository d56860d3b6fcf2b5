package org.streamboot.ui.shell;

import java.time.ZoneId;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.ui.clients.ClientsView;
import org.streamboot.ui.clients.ClientsViewModel;
import org.streamboot.ui.services.ServicesBar;
import org.streamboot.ui.services.ServicesViewModel;
import org.streamboot.ui.sidebar.SidebarView;

/**
 * The window's layout: services along the top, groups and vDisks on the left, clients in the
 * middle, a status line at the bottom. It only ever shows a {@link ConsoleSnapshot} it is given,
 * on the FX thread; it never reads the server itself.
 */
public final class ConsoleShell {

    private final ShellViewModel model;
    private final ServicesBar services = new ServicesBar();
    private final SidebarView sidebar = new SidebarView();
    private final ClientsView clients;
    private final Label summary = statusLabel("status-summary");
    private final Label updated = statusLabel("status-updated");
    private final BorderPane root = new BorderPane();

    public ConsoleShell(ServerConfig config, ZoneId zone) {
        this.model = new ShellViewModel(config, zone);
        this.clients = new ClientsView(new ClientsViewModel(zone));
        root.getStyleClass().add("console");
        root.setTop(services.node());
        root.setLeft(sidebar.node());
        root.setCenter(clients.node());
        root.setBottom(statusLine());
        summary.setText(model.opening());
    }

    public Parent root() {
        return root;
    }

    public String windowTitle() {
        return model.windowTitle();
    }

    /** Applies one whole snapshot; called once per poll on the FX thread. */
    public void apply(ConsoleSnapshot snapshot) {
        services.show(snapshot.services());
        sidebar.show(snapshot.groups(), snapshot.vdisks());
        clients.show(snapshot.clients(), snapshot.takenAt());
        summary.setText(ServicesViewModel.summary(snapshot.services()));
        summary.getStyleClass().remove("status-problem");
        updated.setText(model.updatedAt(snapshot.takenAt()));
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
        HBox line = new HBox(summary, spring, dhcp, new Separator(javafx.geometry.Orientation.VERTICAL), dataDir,
                new Separator(javafx.geometry.Orientation.VERTICAL), updated);
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
