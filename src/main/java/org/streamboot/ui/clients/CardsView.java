package org.streamboot.ui.clients;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.streamboot.server.model.BootStage;
import org.streamboot.ui.dnd.DragFormats;
import org.streamboot.ui.dnd.DropTarget;
import org.streamboot.ui.dnd.Provisioning;
import org.streamboot.ui.shell.ConsoleSnapshot;

/**
 * The clients as a grid of cards with a filter bar (group, stage, name or MAC). Cards are
 * selected by click (Ctrl/⌘-click adds), dragged onto a group to move them, and take vDisks
 * dropped from the sidebar — onto the whole selection when the card is part of it.
 *
 * <p>The grid is a {@link ListView} of rows of cards, so that only the rows on screen exist as
 * nodes: with a card node per client, a lab of 500 PCs made every pulse restyle and lay out
 * thousands of nodes nobody could see (measured in docs/benchmarks.md). Card views are reused
 * by the row cells and show whichever client their row currently holds.
 *
 * <p>A row's item names its clients, nothing else, and changes only when they do: a replaced
 * item makes the list reconfigure and measure rows again by filling a hidden cell with each
 * (four cards restyled per row, most of a slow pulse in a JFR profile), and with 500 PCs some
 * card changes on every poll. The cells on screen are refreshed in place instead.
 *
 * <p>Every row has the same height, the tallest a row on screen has needed so far (a fixed cell
 * size): without it the list measures rows of varying height by filling a hidden cell with each,
 * restyling four cards per row, which was most of every slow pulse in a JFR profile with 500 PCs
 * (docs/benchmarks.md). Cards stretch to the row, so the grid stays even.
 */
final class CardsView {

    private final CardsViewModel model = new CardsViewModel();
    private final Provisioning provisioning;
    private static final double CARD_WIDTH = 252;
    private static final double GAP = 12;

    /** One row of the grid: the clients it holds, in order. */
    private record Row(List<String> names) {
    }

    private final Set<String> selected = new LinkedHashSet<>();
    private final ListView<Row> grid = new ListView<>();
    private final Set<RowCell> cells = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    private java.util.Map<String, ClientCard> byName = java.util.Map.of();
    private final TextField search = new TextField();
    private final ComboBox<String> group = new ComboBox<>();
    private final ComboBox<BootStage> stage = new ComboBox<>();
    private final Label empty = new Label();
    private final StackPane area = new StackPane(grid, empty);
    private int perRow = 1;
    private Consumer<ClientCard> onSelect = c -> { };
    private Runnable onFilterChange = () -> { };
    private List<ClientCard> all = List.of();
    private Set<String> matching = Set.of();

    CardsView(Provisioning provisioning) {
        this.provisioning = provisioning;
        grid.setId("client-cards");
        grid.getStyleClass().addAll("card-grid", "edge-to-edge");
        grid.setCellFactory(v -> new RowCell());
        grid.setFocusTraversable(false);
        grid.widthProperty().addListener((o, was, now) -> {
            int fit = Math.max(1, (int) ((now.doubleValue() - 2 * GAP) / (CARD_WIDTH + GAP)));
            if (fit != perRow) {
                perRow = fit;
                refilter();
            }
        });
        empty.setId("cards-empty-hint");
        empty.getStyleClass().add("empty-state-text");
        empty.setMouseTransparent(true);
        search.setId("client-search");
        search.setPromptText("Search name or MAC");
        search.textProperty().addListener((o, a, b) -> filterChanged());
        group.setId("group-filter");
        group.setPromptText("All groups");
        group.valueProperty().addListener((o, a, b) -> filterChanged());
        stage.setId("stage-filter");
        stage.setPromptText("All stages");
        stage.getItems().add(null);
        stage.getItems().addAll(BootStage.values());
        stage.setConverter(new StringConverter<>() {
            @Override
            public String toString(BootStage s) {
                return s == null ? "All stages" : CardsViewModel.words(s);
            }

            @Override
            public BootStage fromString(String s) {
                return null;
            }
        });
        stage.valueProperty().addListener((o, a, b) -> filterChanged());
    }

    private void filterChanged() {
        refilter();
        onFilterChange.run();
    }

    Node filters() {
        search.setPrefWidth(260);
        HBox bar = new HBox(8, search, group, stage);
        bar.getStyleClass().add("clients-filters");
        return bar;
    }

    Node node() {
        return area;
    }

    void onSelect(Consumer<ClientCard> listener) {
        this.onSelect = listener;
    }

    java.util.Optional<ClientCard> card(String mac) {
        return all.stream().filter(c -> c.mac().equals(mac)).findFirst();
    }

    List<String> selection() {
        return List.copyOf(selected);
    }

    /** The cards of these clients, in the order shown. */
    List<ClientCard> cardsNamed(java.util.Collection<String> names) {
        return all.stream().filter(c -> names.contains(c.name())).toList();
    }

    /** Runs after the filter bar changed which clients match (the table follows it too). */
    void onFilterChange(Runnable action) {
        this.onFilterChange = action;
    }

    /** Names of the clients the filter bar lets through, as of the last snapshot. */
    Set<String> matchingNames() {
        return matching;
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    void show(ConsoleSnapshot snapshot) {
        all = model.cards(snapshot);
        java.util.Map<String, ClientCard> named = new java.util.HashMap<>();
        all.forEach(c -> named.put(c.name(), c));
        byName = named;
        List<String> groups = new ArrayList<>();
        groups.add(null);
        snapshot.groups().forEach(g -> groups.add(g.name()));
        if (!groups.equals(group.getItems())) {
            String keep = group.getValue();
            group.getItems().setAll(groups);
            group.setValue(groups.contains(keep) ? keep : null);
        }
        Set<String> names = new HashSet<>();
        all.forEach(c -> names.add(c.name()));
        selected.retainAll(names);
        refilter();
    }

    private void refilter() {
        CardFilter filter = new CardFilter(group.getValue(), stage.getValue(), search.getText());
        List<Row> rows = new ArrayList<>();
        List<String> names = new ArrayList<>(perRow);
        Set<String> passing = new HashSet<>();
        for (ClientCard c : all) {
            if (filter.matches(c)) {
                passing.add(c.name());
                names.add(c.name());
                if (names.size() == perRow) {
                    rows.add(new Row(List.copyOf(names)));
                    names.clear();
                }
            }
        }
        if (!names.isEmpty()) {
            rows.add(new Row(List.copyOf(names)));
        }
        matching = passing;
        // Replace only the rows that changed: an unchanged row's cell is left alone.
        var items = grid.getItems();
        for (int i = 0; i < rows.size(); i++) {
            if (i >= items.size()) {
                items.add(rows.get(i));
            } else if (!items.get(i).equals(rows.get(i))) {
                items.set(i, rows.get(i));
            }
        }
        if (items.size() > rows.size()) {
            items.remove(rows.size(), items.size());
        }
        // Everything else a card shows (throughput, stage text, selection) changes in place.
        for (RowCell cell : cells) {
            cell.refresh();
        }
        empty.setText(all.isEmpty() ? ClientsViewModel.EMPTY_HINT
                : "No client matches the filter — clear the search or choose All groups and All stages");
        empty.setVisible(rows.isEmpty());
    }

    /** A row of cards; its card views are reused for whichever clients the row holds. */
    private final class RowCell extends ListCell<Row> {
        private final HBox box = new HBox(GAP);
        private final List<ClientCardView> views = new ArrayList<>();

        RowCell() {
            box.getStyleClass().add("card-row");
            getStyleClass().add("card-row-cell");
            cells.add(this);
        }

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            if (getGraphic() == null) {
                return;
            }
            double needed = Math.ceil(box.prefHeight(-1) + snappedTopInset() + snappedBottomInset());
            if (needed > grid.getFixedCellSize()) {
                // Not during this layout pass: a new cell size lays the whole list out again.
                javafx.application.Platform.runLater(() -> grid.setFixedCellSize(Math.max(needed, grid.getFixedCellSize())));
            }
        }

        @Override
        protected void updateItem(Row row, boolean isEmpty) {
            super.updateItem(row, isEmpty);
            if (isEmpty || row == null) {
                setGraphic(null);
                return;
            }
            fill(row);
            setGraphic(box);
        }

        /** Shows the latest state of the row's clients. */
        void refresh() {
            if (!isEmpty() && getItem() != null) {
                fill(getItem());
            }
        }

        private void fill(Row row) {
            while (views.size() < row.names().size()) {
                views.add(newCard());
            }
            List<Node> nodes = new ArrayList<>(row.names().size());
            for (int i = 0; i < row.names().size(); i++) {
                ClientCard card = byName.get(row.names().get(i));
                if (card == null) {
                    continue; // gone since the row was made; the next refilter drops it
                }
                ClientCardView v = views.get(i);
                v.show(card);
                v.setSelected(selected.contains(card.name()));
                nodes.add(v.node());
            }
            if (!nodes.equals(box.getChildren())) {
                box.getChildren().setAll(nodes);
            }
        }
    }

    private ClientCardView newCard() {
        ClientCardView card = new ClientCardView(new ClientCardView.Handler() {
            @Override
            public void clicked(ClientCardView c, MouseEvent e) {
                // Take the keyboard from the search field, so that Delete now means the selection.
                c.node().requestFocus();
                select(c.card(), e.isShortcutDown());
            }

            @Override
            public void dragStarted(ClientCardView c, MouseEvent e) {
                ClientCardView.startDrag(c.node(), targets(c.card().name()));
                e.consume();
            }

            @Override
            public void chipDragStarted(String client, ClientCard.Chip chip, Node chipNode) {
                chipNode.startDragAndDrop(TransferMode.MOVE).setContent(DragFormats.chip(client, chip.vdisk()));
                chipNode.setOnDragDone(e -> provisioning.feedback().dragEnded(e.getTransferMode() != null));
            }

            @Override
            public void approve(String client) {
                provisioning.approve(client);
            }
        });
        card.node().setOnDragDone(e -> provisioning.feedback().dragEnded(e.getTransferMode() != null));
        DropTarget.install(card.node(), provisioning.feedback(), b -> b.hasContent(DragFormats.VDISK),
                b -> provisioning.vdiskOntoClients((String) b.getContent(DragFormats.VDISK), targets(card.card().name())),
                b -> provisioning.assign((String) b.getContent(DragFormats.VDISK), targets(card.card().name())),
                TransferMode.COPY);
        return card;
    }

    /** A drop or drag on a selected card means the whole selection; on another card, that card alone. */
    private List<String> targets(String cardName) {
        return selected.contains(cardName) ? List.copyOf(selected) : List.of(cardName);
    }

    private void select(ClientCard card, boolean add) {
        if (add) {
            if (!selected.remove(card.name())) {
                selected.add(card.name());
            }
        } else {
            selected.clear();
            selected.add(card.name());
        }
        refilter();
        onSelect.accept(selected.contains(card.name()) ? card : null);
    }
}
