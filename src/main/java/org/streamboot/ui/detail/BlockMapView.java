package org.streamboot.ui.detail;

import java.util.BitSet;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;
import org.streamboot.server.block.AccessSnapshot;

/**
 * The block map: one small square per range of blocks, grey when not read, blue when read,
 * green when not read yet but in the shared read cache, orange when written to the client's
 * write cache, drawn
 * on a Canvas from the latest snapshot (never per event).
 * Scrolling with the wheel or the buttons zooms into a part of a large disk.
 */
final class BlockMapView {

    static final Color UNREAD = Color.web("#e6e9ef");
    static final Color READ = Color.web("#3b82f6");
    static final Color WRITTEN = Color.web("#f59e0b");
    static final Color CACHED = Color.web("#10b981");
    private static final double CELL = 7;
    private static final double GAP = 1;

    private final BlockMapModel model = new BlockMapModel();
    private final Canvas canvas = new Canvas();
    private final Pane canvasHolder = new Pane(canvas);
    private final Label caption = new Label();
    private final VBox root;
    private AccessSnapshot access;
    private BitSet readCached = new BitSet();
    private byte[] drawn = new byte[0];

    BlockMapView() {
        canvas.setId("block-map");
        canvasHolder.getStyleClass().add("block-map");
        canvasHolder.setMinHeight(120);
        canvasHolder.setPrefHeight(150);
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        canvas.setOnScroll(e -> {
            if (e.getDeltaY() > 0) {
                model.zoomIn(cellFraction(e.getX(), e.getY()));
            } else if (e.getDeltaY() < 0) {
                model.zoomOut();
            }
            redraw();
        });
        Button in = button(Material2MZ.ZOOM_IN, "zoom-in", () -> model.zoomIn(0.5));
        Button out = button(Material2MZ.ZOOM_OUT, "zoom-out", model::zoomOut);
        caption.getStyleClass().add("detail-muted");
        caption.setId("block-map-caption");
        // The four states wrap onto a second line in a narrow pane rather than being cut short.
        javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(10, 4, swatch(UNREAD, "not read"),
                swatch(READ, "read"), swatch(CACHED, "in read cache"), swatch(WRITTEN, "in write cache"));
        legend.getStyleClass().add("block-map-legend");
        HBox.setHgrow(legend, Priority.ALWAYS);
        legend.setPrefWrapLength(200);
        HBox header = new HBox(10, legend, in, out);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        root = new VBox(6, header, canvasHolder, caption);
    }

    Node node() {
        return root;
    }

    /** Cells currently drawn (for tests: what the admin sees, as data). */
    byte[] drawnCells() {
        return drawn.clone();
    }

    void show(AccessSnapshot snapshot, BitSet cached) {
        access = snapshot;
        readCached = cached == null ? new BitSet() : cached;
        if (snapshot != null) {
            model.follow(snapshot.blockCount());
        }
        redraw();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        int columns = columns();
        int rows = (int) Math.floor((canvas.getHeight() + GAP) / (CELL + GAP));
        if (access == null || columns <= 0 || rows <= 0) {
            drawn = new byte[0];
            canvas.setUserData(drawn);
            caption.setText(access == null ? "No disk attached yet" : "");
            return;
        }
        drawn = model.cells(access, readCached, columns * rows);
        // What is drawn, as data on the node: lets a test (or an accessibility tool) read the map.
        canvas.setUserData(drawn.clone());
        for (int i = 0; i < drawn.length; i++) {
            g.setFill(switch (drawn[i]) {
                case BlockMapModel.WRITTEN -> WRITTEN;
                case BlockMapModel.READ -> READ;
                case BlockMapModel.CACHED -> CACHED;
                default -> UNREAD;
            });
            g.fillRect((i % columns) * (CELL + GAP), (i / columns) * (CELL + GAP), CELL, CELL);
        }
        caption.setText(model.caption(access.granularity()));
    }

    private int columns() {
        return (int) Math.floor((canvas.getWidth() + GAP) / (CELL + GAP));
    }

    private double cellFraction(double x, double y) {
        int columns = Math.max(1, columns());
        int index = (int) (y / (CELL + GAP)) * columns + (int) (x / (CELL + GAP));
        return drawn.length == 0 ? 0.5 : (double) index / drawn.length;
    }

    private Button button(org.kordamp.ikonli.Ikon icon, String id, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().addAll("flat", "button-icon");
        b.setOnAction(e -> {
            action.run();
            redraw();
        });
        return b;
    }

    private static Node swatch(Color color, String text) {
        Region box = new Region();
        box.setMinSize(10, 10);
        box.setMaxSize(10, 10);
        box.setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(color,
                new javafx.scene.layout.CornerRadii(2), null)));
        Label l = new Label(text, box);
        l.getStyleClass().add("detail-muted");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
