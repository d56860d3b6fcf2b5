package org.streamboot.ui.cache;

import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
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
    private final GridPane writeCaches = new GridPane();
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
        writeCaches.getStyleClass().add("write-cache-grid");
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

    public void show(ConsoleSnapshot snapshot) {
        model.update(snapshot.cache());
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
        writeCaches.getChildren().clear();
        noWriteCaches.setVisible(bars.isEmpty());
        noWriteCaches.setManaged(bars.isEmpty());
        int row = 0;
        for (CacheViewModel.WriteCacheBar b : bars) {
            Label who = new Label(b.client());
            who.getStyleClass().add("detail-key");
            Label what = new Label(b.vdisk());
            what.getStyleClass().add("detail-muted");
            ProgressBar bar = new ProgressBar(b.fraction());
            bar.setId("write-cache-" + b.client());
            bar.setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(bar, Priority.ALWAYS);
            if (b.warning()) {
                bar.getStyleClass().add("warning");
            }
            Label text = new Label(b.text());
            text.getStyleClass().add("detail-muted");
            writeCaches.addRow(row++, who, what, bar, text);
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
