package org.streamboot.ui.cache;

import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.streamboot.ui.shell.ConsoleSnapshot;

/**
 * The cache page: the shared read cache (used against capacity, hit ratio over the last
 * minutes, each vDisk's share) and every client's write cache as a bar that turns to the
 * warning colour at 80 % of its quota.
 */
public final class CacheView {

    private final CacheViewModel model = new CacheViewModel();
    private final Label usage = new Label();
    private final ProgressBar used = new ProgressBar(0);
    private final Label hitRatio = new Label();
    private final XYChart.Series<Number, Number> ratios = new XYChart.Series<>();
    private final VBox shares = new VBox(6);
    private final ListView<CacheViewModel.WriteCacheBar> writeCaches = new ListView<>();
    private boolean showing = true;
    private ConsoleSnapshot unshown;
    private final Label noWriteCaches = new Label("No client has a write cache yet — one appears when a PC writes to its vDisk");
    private final ScrollPane root;

    public CacheView() {
        usage.setId("cache-usage");
        usage.getStyleClass().add("cache-figure");
        used.setId("cache-used");
        used.setMaxWidth(Double.MAX_VALUE);
        hitRatio.setId("cache-hit-ratio");
        hitRatio.getStyleClass().add("cache-figure");
        NumberAxis x = new NumberAxis();
        x.setTickLabelsVisible(false);
        x.setTickMarkVisible(false);
        x.setMinorTickVisible(false);
        x.setAutoRanging(false);
        x.setUpperBound(CacheViewModel.HISTORY - 1);
        x.setTickUnit(CacheViewModel.HISTORY);
        NumberAxis y = new NumberAxis(0, 100, 25);
        y.setLabel("hit %");
        AreaChart<Number, Number> chart = new AreaChart<>(x, y);
        chart.setId("cache-chart");
        chart.getStyleClass().add("cache-chart");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setVerticalGridLinesVisible(false);
        chart.setAlternativeRowFillVisible(false);
        chart.setPrefHeight(180);
        chart.getData().add(ratios);
        shares.setId("cache-shares");
        writeCaches.setId("write-caches");
        writeCaches.getStyleClass().addAll("write-cache-list", "edge-to-edge");
        // One row per client: a list, so that a lab of hundreds creates only the rows on screen.
        writeCaches.setCellFactory(v -> new WriteCacheCell());
        writeCaches.setFixedCellSize(30);
        writeCaches.setPrefHeight(420);
        writeCaches.setFocusTraversable(false);
        noWriteCaches.getStyleClass().add("detail-muted");

        VBox readCard = new VBox(8, title("Read cache (RAM, shared by all clients)"), usage, used, hitRatio, chart,
                subtitle("Share per vDisk"), shares);
        readCard.getStyleClass().add("panel-card");
        VBox writeCard = new VBox(8, title("Write caches (one per client and vDisk)"), noWriteCaches, writeCaches);
        writeCard.getStyleClass().add("panel-card");
        HBox.setHgrow(readCard, Priority.ALWAYS);
        HBox.setHgrow(writeCard, Priority.ALWAYS);
        readCard.setPrefWidth(420);
        writeCard.setPrefWidth(420);
        HBox columns = new HBox(16, readCard, writeCard);
        columns.getStyleClass().add("cache-page");
        root = new ScrollPane(columns);
        root.setFitToWidth(true);
        root.setId("cache-page");
        root.getStyleClass().add("edge-to-edge");
    }

    public Node node() {
        return root;
    }

    /**
     * Whether the page is on screen. Hidden, it keeps its hit-ratio history but draws nothing:
     * the charts and bars of a page nobody sees cost the FX thread every poll.
     */
    public void setShowing(boolean nowShowing) {
        showing = nowShowing;
        if (showing && unshown != null) {
            draw(unshown);
            unshown = null;
        }
    }

    public void show(ConsoleSnapshot snapshot) {
        model.update(snapshot.cache());
        if (!showing) {
            unshown = snapshot;
            return;
        }
        draw(snapshot);
    }

    private void draw(ConsoleSnapshot snapshot) {
        usage.setText(CacheViewModel.usage(snapshot.cache()));
        used.setProgress(snapshot.cache().maxBytes() <= 0 ? 0
                : (double) snapshot.cache().bytesCached() / snapshot.cache().maxBytes());
        hitRatio.setText(model.hitRatio());
        List<Double> history = model.history();
        // The newest point sits at the right edge; older ones scroll off to the left.
        int offset = CacheViewModel.HISTORY - history.size();
        List<XYChart.Data<Number, Number>> points = new java.util.ArrayList<>(history.size());
        for (int i = 0; i < history.size(); i++) {
            points.add(new XYChart.Data<>(offset + i, 100 * history.get(i)));
        }
        ratios.getData().setAll(points);
        showShares(CacheViewModel.shares(snapshot.cache()));
        showWriteCaches(CacheViewModel.writeCaches(snapshot.disks()));
    }

    private void showShares(List<CacheViewModel.Share> list) {
        shares.getChildren().clear();
        if (list.isEmpty()) {
            Label none = new Label("Nothing cached yet: the cache fills as clients boot");
            none.getStyleClass().add("detail-muted");
            shares.getChildren().add(none);
        }
        for (CacheViewModel.Share s : list) {
            shares.getChildren().add(bar(s.vdisk(), s.fraction(),
                    org.streamboot.ui.sidebar.SidebarViewModel.size(s.bytes())
                            + String.format(Locale.ROOT, " (%.0f %%)", 100 * s.fraction()), false));
        }
    }

    private void showWriteCaches(List<CacheViewModel.WriteCacheBar> bars) {
        noWriteCaches.setVisible(bars.isEmpty());
        noWriteCaches.setManaged(bars.isEmpty());
        writeCaches.setVisible(!bars.isEmpty());
        writeCaches.setManaged(!bars.isEmpty());
        if (!bars.equals(writeCaches.getItems())) {
            writeCaches.getItems().setAll(bars);
        }
    }

    /** One client's write cache: who, which vDisk, how full. */
    private static final class WriteCacheCell extends ListCell<CacheViewModel.WriteCacheBar> {
        private final Label who = new Label();
        private final Label what = new Label();
        private final ProgressBar bar = new ProgressBar(0);
        private final Label text = new Label();
        private final HBox line = new HBox(10, who, what, bar, text);

        WriteCacheCell() {
            who.getStyleClass().add("detail-key");
            who.setPrefWidth(90);
            what.getStyleClass().add("detail-muted");
            what.setPrefWidth(100);
            who.setMinWidth(0);
            what.setMinWidth(0);
            // The bar gives way, so that the figures stay whole in a narrow window.
            bar.setPrefWidth(60);
            bar.setMinWidth(30);
            bar.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(bar, Priority.ALWAYS);
            text.getStyleClass().add("detail-muted");
            text.setMinWidth(Region.USE_PREF_SIZE);
            line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(CacheViewModel.WriteCacheBar b, boolean empty) {
            super.updateItem(b, empty);
            if (empty || b == null) {
                setGraphic(null);
                return;
            }
            who.setText(b.client());
            what.setText(b.vdisk());
            bar.setProgress(b.fraction());
            bar.setId("write-cache-" + b.client());
            bar.getStyleClass().remove("warning");
            if (b.warning()) {
                bar.getStyleClass().add("warning");
            }
            text.setText(b.text());
            setGraphic(line);
        }
    }

    private static Node bar(String name, double fraction, String text, boolean warning) {
        Label n = new Label(name);
        n.setMinWidth(110);
        ProgressBar bar = new ProgressBar(fraction);
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        if (warning) {
            bar.getStyleClass().add("warning");
        }
        Label t = new Label(text);
        t.getStyleClass().add("detail-muted");
        t.setMinWidth(110);
        HBox line = new HBox(8, n, bar, t);
        line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return line;
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static Label subtitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("detail-section");
        return l;
    }
}
