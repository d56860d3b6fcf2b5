package org.streamboot.ui.clients;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.streamboot.server.admin.Views.ClientView;

/** The clients area: a title with the count and one table row per client, or a hint when there are none. */
public final class ClientsView {

    private final ClientsViewModel model;
    private final Label title = new Label(ClientsViewModel.title(0));
    private final TableView<ClientRow> table = new TableView<>();
    private final VBox root;

    public ClientsView(ClientsViewModel model) {
        this.model = model;
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
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(title, table);
        root.getStyleClass().add("clients-area");
    }

    public Node node() {
        return root;
    }

    /** Shows these clients; leaves the table alone (and its selection) when nothing changed. */
    public void show(List<ClientView> clients, Instant takenAt) {
        List<ClientRow> rows = model.rows(clients, takenAt);
        if (!rows.equals(table.getItems())) {
            table.getItems().setAll(rows);
        }
        title.setText(ClientsViewModel.title(rows.size()));
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
