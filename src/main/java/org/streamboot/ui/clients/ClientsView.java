package org.streamboot.ui.clients;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.streamboot.server.admin.Views.ClientView;
import org.streamboot.ui.dnd.Provisioning;
import org.streamboot.ui.shell.ConsoleSnapshot;
import org.streamboot.ui.shell.Shortcuts;

/**
 * The clients area: a title with the count, filters, and the clients as cards (the default)
 * or as a table, switched by a toggle.
 */
public final class ClientsView {

    private final ClientsViewModel model;
    private final Label title = new Label(ClientsViewModel.title(0));
    private final TableView<ClientRow> table = new TableView<>();
    private final CardsView cards;
    private final ToggleButton cardsToggle = new ToggleButton(null, new FontIcon(Material2AL.APPS));
    private final ToggleButton tableToggle = new ToggleButton(null, new FontIcon(Material2AL.FORMAT_LIST_BULLETED));
    private final VBox root;
    private List<ClientView> lastClients;
    private Instant lastTakenAt;

    public ClientsView(ClientsViewModel model, Provisioning provisioning) {
        this.model = model;
        this.cards = new CardsView(provisioning);
        cards.onFilterChange(() -> {
            if (showsTable() && lastClients != null) {
                showRows(lastClients, lastTakenAt);
            }
        });
        title.getStyleClass().add("section-title");
        title.setId("clients-title");
        table.setId("clients-table");
        table.getStyleClass().addAll("clients-table", "striped");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Name", ClientRow::name, 80),
                column("MAC", ClientRow::mac, 140),
                column("Group", ClientRow::group, 70),
                column("State", ClientRow::state, 160),
                column("Firmware", ClientRow::firmware, 95),
                column("IP", ClientRow::ip, 110),
                column("vDisks", ClientRow::vdisks, 285)));
        table.setPlaceholder(emptyState());
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        table.setVisible(false);
        cardsToggle.setId("show-cards");
        tableToggle.setId("show-table");
        ToggleGroup views = new ToggleGroup();
        cardsToggle.setToggleGroup(views);
        tableToggle.setToggleGroup(views);
        cardsToggle.setSelected(true);
        cardsToggle.setTooltip(new javafx.scene.control.Tooltip("Show clients as cards (" + Shortcuts.TOGGLE_VIEW.getDisplayText() + ")"));
        tableToggle.setTooltip(new javafx.scene.control.Tooltip("Show clients as a table (" + Shortcuts.TOGGLE_VIEW.getDisplayText() + ")"));
        cardsToggle.getStyleClass().add("left-pill");
        tableToggle.getStyleClass().add("right-pill");
        views.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one of the two is always on
                return;
            }
            boolean showTable = now == tableToggle;
            table.setVisible(showTable);
            cards.node().setVisible(!showTable);
            if (showTable && lastClients != null) {
                showRows(lastClients, lastTakenAt);
            }
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(12, title, spring, new HBox(cardsToggle, tableToggle));
        header.getStyleClass().add("clients-header");
        StackPane body = new StackPane(cards.node(), table);
        VBox.setVgrow(body, Priority.ALWAYS);
        root = new VBox(header, cards.filters(), body);
        root.getStyleClass().add("clients-area");
    }

    public Node node() {
        return root;
    }

    /** Moves the keyboard into the search field; the view on screen stays (the filter applies to both). */
    public void focusSearch() {
        cards.focusSearch();
    }

    /** Switches between cards and table. */
    public void toggleView() {
        (tableToggle.isSelected() ? cardsToggle : tableToggle).setSelected(true);
    }

    public boolean showsTable() {
        return tableToggle.isSelected();
    }

    /** The clients selected in the view on screen: cards, or table rows. */
    public List<ClientCard> selectedCards() {
        java.util.Collection<String> names = showsTable()
                ? table.getSelectionModel().getSelectedItems().stream().map(ClientRow::name).toList()
                : cards.selection();
        return cards.cardsNamed(names);
    }

    /** Called with the card the admin selected, or null when the selection was cleared. */
    public void onSelect(Consumer<ClientCard> listener) {
        cards.onSelect(listener);
    }

    /** The card of this client as last shown. */
    public java.util.Optional<ClientCard> card(String mac) {
        return cards.card(mac);
    }

    /** Shows a whole snapshot: the cards and the table. */
    public void show(ConsoleSnapshot snapshot) {
        cards.show(snapshot);
        show(snapshot.clients(), snapshot.takenAt());
    }

    /** Shows these clients in the table; leaves it alone (and its selection) when nothing changed. */
    public void show(List<ClientView> clients, Instant takenAt) {
        lastClients = clients;
        lastTakenAt = takenAt;
        title.setText(ClientsViewModel.title(clients.size()));
        // The hidden table is filled when it is shown: hundreds of rows nobody sees cost every poll.
        if (showsTable()) {
            showRows(clients, takenAt);
        }
    }

    private void showRows(List<ClientView> clients, Instant takenAt) {
        var matching = cards.matchingNames();
        List<ClientRow> rows = model.rows(clients.stream().filter(c -> matching.contains(c.name())).toList(), takenAt);
        if (!rows.equals(table.getItems())) {
            table.getItems().setAll(rows);
        }
    }

    private static TableColumn<ClientRow, String> column(String header, Function<ClientRow, String> cell, double width) {
        TableColumn<ClientRow, String> c = new TableColumn<>(header);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(cell.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static Node emptyState() {
        FontIcon icon = new FontIcon(Material2AL.COMPUTER);
        icon.getStyleClass().add("empty-state-icon");
        Label hint = new Label(ClientsViewModel.EMPTY_HINT);
        hint.setId("clients-empty-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add("empty-state-text");
        VBox box = new VBox(icon, hint);
        box.getStyleClass().add("empty-state");
        return box;
    }
}
