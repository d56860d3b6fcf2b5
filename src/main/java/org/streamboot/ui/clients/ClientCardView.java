package org.streamboot.ui.clients;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.streamboot.server.model.BootStage;
import org.streamboot.ui.dnd.DragFormats;

/**
 * One client as a card: name and stage, addresses, the reason of a failure, the vDisk chips,
 * how much of the boot set has streamed and the current throughput. Built once per client and
 * refilled on every snapshot, so that a card keeps its place, its selection and its drag state.
 */
final class ClientCardView {

    /** What the cards area does when the admin acts on a card. */
    interface Handler {
        void clicked(ClientCardView card, MouseEvent event);

        void dragStarted(ClientCardView card, MouseEvent event);

        void chipDragStarted(String client, ClientCard.Chip chip, Node chipNode);

        void approve(String client);
    }

    /**
     * The card is its frame (a leaf that draws background, border and the stage colour on its
     * left edge) under its content. Stage, selection and pending state are style classes on
     * the frame and the badge only: a class on the card's root made JavaFX match the whole
     * stylesheet again for every node of the card, and a poll moves dozens of cards on screen
     * to another stage (docs/benchmarks.md, "Console with 500 live clients").
     */
    private final Region frame = new Region();
    private final VBox body = new VBox();
    private final StackPane root = new StackPane(frame, body);
    private final Label name = new Label();
    private final Label stage = new Label();
    private final Label addresses = new Label();
    private final Label where = new Label();
    private final Label failure = new Label();
    private final FlowPane chips = new FlowPane(4, 4);
    private final ProgressBar streamed = new ProgressBar(0);
    private final Label streamedText = new Label();
    private final Label throughput = new Label();
    private final Button approve = new Button("Approve");
    private final HBox progressLine = new HBox(6, streamed, streamedText);
    private ClientCard card;

    ClientCardView(Handler handler) {
        FontIcon icon = new FontIcon(Material2AL.COMPUTER);
        icon.getStyleClass().add("card-icon");
        name.getStyleClass().add("card-name");
        name.setMinWidth(Region.USE_PREF_SIZE);
        stage.getStyleClass().add("stage-badge");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox title = new HBox(6, icon, name, spring, stage);
        title.setAlignment(Pos.CENTER_LEFT);
        addresses.getStyleClass().add("card-detail");
        where.getStyleClass().add("card-detail");
        failure.getStyleClass().add("card-failure");
        failure.setWrapText(true);
        chips.getStyleClass().add("card-chips");
        streamed.getStyleClass().add("card-streamed");
        streamed.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(streamed, Priority.ALWAYS);
        streamedText.getStyleClass().add("card-detail");
        progressLine.setAlignment(Pos.CENTER_LEFT);
        throughput.getStyleClass().add("card-throughput");
        approve.getStyleClass().addAll("accent", "card-approve");
        approve.setOnAction(e -> handler.approve(card.name()));
        body.getChildren().addAll(title, addresses, where, failure, chips, progressLine, throughput, approve);
        body.getStyleClass().add("card-body");
        frame.getStyleClass().add("card-frame");
        frame.setMinSize(0, 0); // the body sizes the card; the frame fills it
        root.getStyleClass().add("client-card");
        root.setOnMouseClicked(e -> handler.clicked(this, e));
        root.setOnDragDetected(e -> handler.dragStarted(this, e));
        this.handler = handler;
        // A chip dragged over its own card goes nowhere: stop it here so the window behind
        // does not take it as "dragged off the card".
        root.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasContent(DragFormats.CHIP) && card != null
                    && DragFormats.chipOf(e.getDragboard())[0].equals(card.name())) {
                e.consume();
            }
        });
    }

    private final Handler handler;

    Node node() {
        return root;
    }

    ClientCard card() {
        return card;
    }

    void setSelected(boolean selected) {
        toggle(frame, "card-selected", selected);
    }

    void show(ClientCard c) {
        if (c.equals(card)) {
            return;
        }
        boolean chipsChanged = card == null || !card.vdisks().equals(c.vdisks());
        card = c;
        root.setId("card-" + c.name());
        name.setText(c.name());
        stage.setText(c.stageText());
        for (BootStage s : BootStage.values()) {
            boolean on = s == c.stage() && !c.pending();
            toggle(frame, stageClass(s), on);
            toggle(stage, stageClass(s), on);
        }
        toggle(frame, "card-pending", c.pending());
        toggle(stage, "card-pending", c.pending());
        addresses.setText(c.mac());
        where.setText(c.ip() + "  ·  " + c.group() + "  ·  " + c.firmware());
        failure.setText(c.failure());
        visible(failure, !c.failure().isEmpty());
        if (!c.failure().isEmpty()) {
            Tooltip.install(failure, new Tooltip(c.failure()));
        }
        if (chipsChanged) {
            chips.getChildren().setAll(c.vdisks().stream().map(chip -> chip(c.name(), chip)).toList());
            if (c.vdisks().isEmpty()) {
                Label none = new Label("no vDisk — drag one here");
                none.getStyleClass().add("card-no-vdisk");
                chips.getChildren().add(none);
            }
        }
        visible(progressLine, c.streamed() >= 0);
        streamed.setProgress(Math.max(0, c.streamed()));
        streamedText.setText(String.format(Locale.ROOT, "%d %% of boot set", Math.round(100 * Math.max(0, c.streamed()))));
        throughput.setText(c.throughput());
        visible(throughput, !c.throughput().isEmpty());
        visible(approve, c.pending());
        approve.setId("approve-" + c.name());
    }

    static String stageClass(BootStage s) {
        return "stage-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private Node chip(String client, ClientCard.Chip chip) {
        Label label = new Label(chip.vdisk() + (chip.isDefault() ? " ★" : ""));
        label.getStyleClass().addAll("vdisk-chip", chip.own() ? "chip-own" : "chip-inherited");
        label.setId("chip-" + client + "-" + chip.vdisk());
        Tooltip.install(label, new Tooltip(chip.own()
                ? "Assigned to " + client + (chip.isDefault() ? " (default)" : "") + " — drag off the card to take it away"
                : "Comes from the group" + (chip.isDefault() ? " (default)" : "")));
        label.setOnDragDetected(e -> {
            handler.chipDragStarted(client, chip, label);
            e.consume();
        });
        return label;
    }

    private static void toggle(Node node, String style, boolean on) {
        if (on && !node.getStyleClass().contains(style)) {
            node.getStyleClass().add(style);
        } else if (!on) {
            node.getStyleClass().remove(style);
        }
    }

    private static void visible(Node n, boolean v) {
        n.setVisible(v);
        n.setManaged(v);
    }

    /** The drag of one or more cards, carried as client names. */
    static void startDrag(Node source, List<String> names) {
        source.startDragAndDrop(TransferMode.MOVE).setContent(DragFormats.clients(names));
    }
}
