package org.streamboot.ui.detail;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.streamboot.server.vdisk.DiskActivity;
import org.streamboot.ui.clients.ClientCard;
import org.streamboot.ui.dnd.Provisioning;
import org.streamboot.ui.shell.ConsoleSnapshot;

/**
 * The selected client in depth: identity, stage, write cache against its quota, the block map
 * of its disk, and the timeline of its boot events. Refilled from each snapshot.
 */
public final class ClientDetailView {

    private final ClientDetailViewModel model;
    private final Provisioning provisioning;
    private final Label name = new Label();
    private final Label stage = new Label();
    private final Label failure = new Label();
    private final Label mac = value("detail-mac");
    private final Label iqn = value("detail-iqn");
    private final Label ip = value("detail-ip");
    private final Label group = value("detail-group");
    private final Label disk = value("detail-vdisk");
    private final ProgressBar writeCache = new ProgressBar(0);
    private final Label writeCacheText = new Label();
    private final BlockMapView blockMap = new BlockMapView();
    private final ListView<TimelineRow> timeline = new ListView<>();
    private final Button approve = new Button("Approve", new FontIcon(Material2AL.CHECK));
    private final Button remove = new Button("Remove…", new FontIcon(Material2AL.DELETE_OUTLINE));
    private final Button resetCache = new Button("Reset write cache…", new FontIcon(Material2MZ.RESTORE));
    private final VBox root;
    private final javafx.scene.control.ScrollPane scroller;
    private ClientCard shown;
    private Runnable onClose = () -> { };

    public ClientDetailView(ZoneId zone, Provisioning provisioning) {
        this.model = new ClientDetailViewModel(zone);
        this.provisioning = provisioning;
        name.getStyleClass().add("detail-name");
        name.setId("detail-name");
        stage.getStyleClass().add("stage-badge");
        stage.setId("detail-stage");
        failure.getStyleClass().add("card-failure");
        failure.setWrapText(true);
        Button close = new Button(null, new FontIcon(Material2AL.CLOSE));
        close.getStyleClass().addAll("flat", "button-icon");
        close.setOnAction(e -> onClose.run());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox header = new HBox(8, name, stage, spring, close);
        header.setAlignment(Pos.CENTER_LEFT);

        GridPane identity = new GridPane();
        identity.getStyleClass().add("detail-grid");
        row(identity, 0, "MAC", mac);
        row(identity, 1, "IQN", iqn);
        row(identity, 2, "IP", ip);
        row(identity, 3, "Group", group);
        row(identity, 4, "vDisk", disk);

        approve.setId("detail-approve");
        approve.getStyleClass().add("accent");
        approve.setOnAction(e -> provisioning.approve(shown.name()));
        remove.setId("detail-remove");
        remove.getStyleClass().add("danger");
        remove.setOnAction(e -> confirmRemove());
        resetCache.setId("detail-reset-cache");
        resetCache.setOnAction(e -> confirmResetCache());
        HBox buttons = new HBox(8, approve, resetCache, remove);

        writeCache.setId("detail-write-cache");
        writeCache.setMaxWidth(Double.MAX_VALUE);
        writeCacheText.getStyleClass().add("detail-muted");
        timeline.setId("detail-timeline");
        timeline.getStyleClass().add("timeline");
        timeline.setPlaceholder(new Label("No boot events since the console started"));
        timeline.setCellFactory(v -> new TimelineCell());
        timeline.setPrefHeight(240);
        timeline.setMinHeight(160);
        VBox.setVgrow(timeline, Priority.ALWAYS);

        root = new VBox(10, header, failure, identity, buttons, section("Write cache"), writeCache, writeCacheText,
                section("Block map"), blockMap.node(), section("Timeline"), timeline);
        root.setId("client-detail");
        root.getStyleClass().add("client-detail");
        // A short window scrolls the pane rather than squeezing the timeline to nothing.
        scroller = new javafx.scene.control.ScrollPane(root);
        scroller.setFitToWidth(true);
        scroller.getStyleClass().add("edge-to-edge");
    }

    public Node node() {
        return scroller;
    }

    public void onClose(Runnable action) {
        this.onClose = action;
    }

    /** The client shown, by MAC, or null. */
    public String shownMac() {
        return shown == null ? null : shown.mac();
    }

    /** Cells of the block map as drawn, for tests. */
    public byte[] blockMapCells() {
        return blockMap.drawnCells();
    }

    public void show(ConsoleSnapshot snapshot, ClientCard card) {
        shown = card;
        name.setText(card.name());
        stage.setText(card.stageText());
        failure.setText(card.failure());
        failure.setVisible(!card.failure().isEmpty());
        failure.setManaged(!card.failure().isEmpty());
        mac.setText(card.mac());
        iqn.setText(card.iqn());
        ip.setText(card.ip());
        group.setText(card.group());
        approve.setVisible(card.pending());
        approve.setManaged(card.pending());
        Optional<DiskActivity> activity = ClientDetailViewModel.disk(snapshot, card.mac());
        disk.setText(activity.map(d -> d.vdisk() + (d.open() ? " (attached)" : " (last session)"))
                .orElse(card.vdisks().isEmpty() ? "none assigned" : "not attached"));
        long used = activity.map(DiskActivity::writeCacheBytes).orElse(0L);
        long quota = activity.map(DiskActivity::writeCacheQuota).orElse(0L);
        writeCache.setProgress(ClientDetailViewModel.share(used, quota));
        writeCache.getStyleClass().remove("warning");
        if (ClientDetailViewModel.warning(used, quota)) {
            writeCache.getStyleClass().add("warning");
        }
        writeCacheText.setText(activity.isEmpty() ? "No write cache yet" : ClientDetailViewModel.writeCache(used, quota));
        boolean attached = activity.map(DiskActivity::open).orElse(false);
        // Enabled for an attached client too: the refusal then says why, in words.
        resetCache.setTooltip(new javafx.scene.control.Tooltip(attached
                ? "Only while " + card.name() + " is off: it has a vDisk attached now"
                : "Discard what " + card.name() + " wrote; its next boot starts from the vDisk as it is"));
        blockMap.show(activity.map(DiskActivity::access).orElse(null), activity.map(DiskActivity::readCached).orElse(null));
        List<TimelineRow> rows = model.timeline(snapshot, card.mac());
        if (!rows.equals(timeline.getItems())) {
            timeline.getItems().setAll(rows);
        }
    }

    private void confirmRemove() {
        String client = shown.name();
        confirm("confirm-remove", "Remove " + client + "?", "Remove " + client + " (" + shown.mac() + ")? Its assignments"
                + " go with it; if it boots again it registers as a new client.", "Remove", () -> {
                    provisioning.remove(client);
                    onClose.run();
                });
    }

    private void confirmResetCache() {
        String client = shown.name();
        confirm("confirm-reset-cache", "Reset the write cache of " + client + "?",
                "Everything " + client + " wrote to its vDisks is discarded; its next boot starts from the vDisk as it"
                        + " is. This is refused while the PC has a vDisk attached.", "Reset",
                () -> provisioning.resetWriteCache(client));
    }

    private void confirm(String id, String header, String text, String ok, Runnable then) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text,
                new ButtonType(ok, ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
        alert.setTitle("Streamboot");
        alert.setHeaderText(header);
        alert.getDialogPane().setId(id);
        alert.initOwner(root.getScene().getWindow());
        alert.setOnHidden(e -> {
            if (alert.getResult() != null && alert.getResult().getButtonData() == ButtonBar.ButtonData.OK_DONE) {
                then.run();
            }
        });
        alert.show();
    }

    private static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("detail-value");
        return l;
    }

    private static void row(GridPane grid, int row, String key, Label value) {
        Label k = new Label(key);
        k.getStyleClass().add("detail-key");
        k.setMinWidth(Region.USE_PREF_SIZE);
        grid.addRow(row, k, value);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("detail-section");
        return l;
    }

    /** Time, stage and what happened; failures in the danger colour. */
    private static final class TimelineCell extends ListCell<TimelineRow> {
        private final Label time = new Label();
        private final Label stage = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(2, new HBox(8, time, stage), detail);

        TimelineCell() {
            time.getStyleClass().add("timeline-time");
            stage.getStyleClass().add("timeline-stage");
            detail.getStyleClass().add("timeline-detail");
            detail.setWrapText(true);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(TimelineRow item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            time.setText(item.time());
            stage.setText(item.stage());
            detail.setText(item.detail());
            box.getStyleClass().remove("timeline-problem");
            if (item.problem()) {
                box.getStyleClass().add("timeline-problem");
            }
            setGraphic(box);
        }
    }
}
