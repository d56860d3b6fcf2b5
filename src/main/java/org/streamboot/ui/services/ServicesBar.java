package org.streamboot.ui.services;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.net.ServiceStatus;

/**
 * The strip along the top of the window: one badge per service with its state icon and where
 * it listens, or what went wrong. Each badge has the id {@code service-<name>} (lower case).
 */
public final class ServicesBar {

    private final FlowPane root = new FlowPane();
    private DhcpMode dhcpMode;
    /** Kept once seen: the live ring of recent events soon drops the one event that said so. */
    private final Set<String> foreignDhcp = new TreeSet<>();
    private List<ServiceBadge> shown = List.of();

    public ServicesBar() {
        this(DhcpMode.PROXY);
    }

    /** The mode DHCP runs in now; the foreign-server advice depends on it. */
    public void dhcpMode(DhcpMode mode) {
        this.dhcpMode = mode;
    }

    public ServicesBar(DhcpMode dhcpMode) {
        this.dhcpMode = dhcpMode;
        root.getStyleClass().add("services-bar");
        root.setId("services-bar");
        Label starting = new Label("Starting services…");
        starting.getStyleClass().add("service-detail");
        root.getChildren().add(starting);
    }

    public Node node() {
        return root;
    }

    /** Shows these services and warns of DHCP servers seen in these events; rebuilds only on change. */
    public void show(List<ServiceStatus> services, List<BootEvent> recent) {
        for (BootEvent e : recent) {
            ServicesViewModel.foreignDhcpServer(e).ifPresent(foreignDhcp::add);
        }
        show(services);
    }

    /** Shows these services; rebuilds the badges only when something changed. */
    public void show(List<ServiceStatus> services) {
        List<ServiceBadge> badges = ServicesViewModel.badges(services, foreignDhcp, dhcpMode);
        if (badges.equals(shown)) {
            return;
        }
        shown = badges;
        root.getChildren().setAll(badges.stream().map(ServicesBar::badgeNode).toList());
    }

    private static Node badgeNode(ServiceBadge badge) {
        FontIcon icon = new FontIcon(icon(badge.tone()));
        icon.getStyleClass().add("service-icon");
        Label name = new Label(badge.name());
        name.getStyleClass().add("service-name");
        HBox title = new HBox(name);
        title.getStyleClass().add("service-title");
        if (!badge.tag().isEmpty()) {
            Label tag = new Label(badge.tag());
            tag.getStyleClass().add("service-tag");
            tag.setId("service-" + badge.name().toLowerCase(Locale.ROOT) + "-tag");
            title.getChildren().add(tag);
        }
        Label detail = new Label(badge.text());
        detail.getStyleClass().add("service-detail");
        detail.setId("service-" + badge.name().toLowerCase(Locale.ROOT) + "-detail");
        VBox text = new VBox(title, detail);
        text.getStyleClass().add("service-text");
        HBox box = new HBox(icon, text);
        box.getStyleClass().addAll("service-badge", badge.tone().styleClass());
        box.setId("service-" + badge.name().toLowerCase(Locale.ROOT));
        Tooltip tip = new Tooltip(badge.tooltip());
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.setShowDelay(Duration.millis(300));
        Tooltip.install(box, tip);
        return box;
    }

    private static Ikon icon(ServiceTone tone) {
        return switch (tone) {
            case RUNNING -> Material2AL.CHECK_CIRCLE;
            case WARNING -> Material2MZ.WARNING;
            case PENDING -> Material2AL.HOURGLASS_EMPTY;
            case FAILED -> Material2AL.ERROR;
            case OFF -> Material2MZ.REMOVE_CIRCLE_OUTLINE;
        };
    }
}
