package org.streamboot.ui.sidebar;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.streamboot.server.admin.Views.GroupView;
import org.streamboot.server.admin.Views.VdiskView;
import org.streamboot.ui.dnd.DragFormats;
import org.streamboot.ui.dnd.DropTarget;
import org.streamboot.ui.dnd.Provisioning;

/**
 * The left column: the groups (rooms) and the vDisks, each as a list of two-line entries.
 * vDisks drag onto client cards and groups; groups take vDisks and client cards; the vDisk
 * list takes image files to import.
 */
public final class SidebarView {

    private final ListView<GroupRow> groups = new ListView<>();
    private final ListView<VdiskRow> vdisks = new ListView<>();
    private final VBox root;

    public SidebarView(Provisioning provisioning) {
        groups.setId("groups-list");
        vdisks.setId("vdisks-list");
        setUp(groups, g -> new String[] {g.name(), g.clients() + " · " + g.vdisks()}, "No groups yet — add one with `streamboot group add NAME`",
                cell -> groupDrops(cell, provisioning));
        setUp(vdisks, v -> new String[] {v.name(), v.mode() + " · " + v.size() + " · " + v.assignedTo()},
                "No vDisks yet — drop a disk image (.img, .qcow2, .vmdk, .vhdx…) here to import it", cell -> vdiskDrags(cell, provisioning));
        // Image files from the file manager land anywhere on the list, also on its placeholder.
        DropTarget.install(vdisks, provisioning.feedback(), Dragboard::hasFiles,
                b -> provisioning.imageFiles(paths(b)), b -> provisioning.importImage(paths(b).getFirst()),
                TransferMode.COPY);
        root = new VBox(header("Groups", Material2AL.GROUP), groups, header("vDisks", Material2MZ.STORAGE), vdisks);
        root.getStyleClass().add("sidebar");
        VBox.setVgrow(groups, Priority.ALWAYS);
        VBox.setVgrow(vdisks, Priority.ALWAYS);
    }

    public Node node() {
        return root;
    }

    public void show(List<GroupView> groupViews, List<VdiskView> vdiskViews) {
        List<GroupRow> g = SidebarViewModel.groups(groupViews);
        if (!g.equals(groups.getItems())) {
            groups.getItems().setAll(g);
        }
        List<VdiskRow> v = SidebarViewModel.vdisks(vdiskViews);
        if (!v.equals(vdisks.getItems())) {
            vdisks.getItems().setAll(v);
        }
    }

    private static Node header(String text, Ikon ikon) {
        Label label = new Label(text, new FontIcon(ikon));
        label.getStyleClass().add("sidebar-title");
        return label;
    }

    private static void groupDrops(ListCell<GroupRow> cell, Provisioning provisioning) {
        DropTarget.install(cell, provisioning.feedback(),
                b -> cell.getItem() != null && (b.hasContent(DragFormats.VDISK) || b.hasContent(DragFormats.CLIENTS)),
                b -> b.hasContent(DragFormats.VDISK)
                        ? provisioning.vdiskOntoGroup((String) b.getContent(DragFormats.VDISK), cell.getItem().name())
                        : provisioning.clientsOntoGroup(DragFormats.clientsOf(b), cell.getItem().name()),
                b -> {
                    if (b.hasContent(DragFormats.VDISK)) {
                        provisioning.assignToGroup((String) b.getContent(DragFormats.VDISK), cell.getItem().name());
                    } else {
                        provisioning.moveClients(DragFormats.clientsOf(b), cell.getItem().name());
                    }
                }, TransferMode.COPY, TransferMode.MOVE);
    }

    private static void vdiskDrags(ListCell<VdiskRow> cell, Provisioning provisioning) {
        cell.setOnDragDetected(e -> {
            if (cell.getItem() != null) {
                cell.startDragAndDrop(TransferMode.COPY).setContent(DragFormats.vdisk(cell.getItem().name()));
                e.consume();
            }
        });
        cell.setOnDragDone(e -> provisioning.feedback().dragEnded(e.getTransferMode() != null));
    }

    private static List<Path> paths(Dragboard board) {
        return board.getFiles().stream().map(java.io.File::toPath).toList();
    }

    private static <T> void setUp(ListView<T> list, Function<T, String[]> lines, String empty,
                                  Consumer<ListCell<T>> cellSetup) {
        list.getStyleClass().addAll("sidebar-list", "edge-to-edge");
        Label placeholder = new Label(empty);
        placeholder.getStyleClass().add("sidebar-empty");
        placeholder.setWrapText(true);
        list.setPlaceholder(placeholder);
        list.setCellFactory(v -> {
            TwoLineCell<T> cell = new TwoLineCell<>(lines, v);
            cellSetup.accept(cell);
            return cell;
        });
    }

    /** A title line and a muted detail line, built once per cell and refilled on reuse. */
    private static final class TwoLineCell<T> extends ListCell<T> {
        private static final double CELL_INSETS = 48;
        private final Function<T, String[]> lines;
        private final Label title = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(title, detail);

        TwoLineCell(Function<T, String[]> lines, ListView<T> list) {
            this.lines = lines;
            title.getStyleClass().add("sidebar-item-title");
            detail.getStyleClass().add("sidebar-item-detail");
            detail.setWrapText(true);
            box.getStyleClass().add("sidebar-item");
            // Cells as wide as the list (less the cell padding and a scroll bar), so a long
            // detail wraps instead of pushing out a horizontal scroll bar.
            setPrefWidth(0);
            detail.prefWidthProperty().bind(list.widthProperty().subtract(CELL_INSETS));
            detail.setMinHeight(Region.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            String[] text = lines.apply(item);
            title.setText(text[0]);
            detail.setText(text[1]);
            setGraphic(box);
        }
    }
}
