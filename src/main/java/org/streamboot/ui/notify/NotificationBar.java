package org.streamboot.ui.notify;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Short messages in the bottom-right corner: what a drop did, or why it failed, with an Undo
 * where the action can be taken back, and a progress toast for imports. Messages close by
 * themselves after a while; errors stay a little longer, long enough to be read.
 */
public final class NotificationBar {

    private static final Duration SUCCESS_FOR = Duration.seconds(8);
    private static final Duration ERROR_FOR = Duration.seconds(15);

    private final VBox root = new VBox();

    public NotificationBar() {
        root.setId("notifications");
        root.getStyleClass().add("notifications");
        root.setAlignment(Pos.BOTTOM_RIGHT);
        root.setPickOnBounds(false);
        root.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    }

    public Node node() {
        return root;
    }

    public void success(String message) {
        add(toast(message, false, null, null), SUCCESS_FOR);
    }

    /** A success that can be taken back: the button runs {@code undo} and closes the message. */
    public void success(String message, String actionLabel, Runnable undo) {
        add(toast(message, false, actionLabel, undo), SUCCESS_FOR);
    }

    public void error(String message) {
        add(toast(message, true, null, null), ERROR_FOR);
    }

    /** A progress toast that stays until {@link Progress#close}; the Cancel button runs {@code cancel}. */
    public Progress progress(String title, Runnable cancel) {
        Label text = new Label(title);
        text.getStyleClass().add("notification-text");
        ProgressBar bar = new ProgressBar(0);
        bar.setId("import-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        Button stop = new Button("Cancel");
        stop.setId("import-cancel");
        VBox box = new VBox(text, new HBox(8, bar, stop));
        HBox.setHgrow(bar, Priority.ALWAYS);
        box.getStyleClass().addAll("notification", "notification-progress");
        stop.setOnAction(e -> {
            stop.setDisable(true);
            cancel.run();
        });
        root.getChildren().add(box);
        return new Progress(text, bar, () -> root.getChildren().remove(box));
    }

    /** An import's toast, updated from progress reports on the FX thread. */
    public record Progress(Label text, ProgressBar bar, Runnable closer) {
        public void update(double fraction, String words) {
            bar.setProgress(fraction);
            text.setText(words);
        }

        public void close() {
            closer.run();
        }
    }

    private HBox toast(String message, boolean error, String actionLabel, Runnable action) {
        FontIcon icon = new FontIcon(error ? Material2AL.ERROR_OUTLINE : Material2AL.CHECK_CIRCLE_OUTLINE);
        icon.getStyleClass().add("notification-icon");
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(360);
        text.getStyleClass().add("notification-text");
        HBox box = new HBox(10, icon, text);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().addAll("notification", error ? "notification-error" : "notification-success");
        if (action != null) {
            Button button = new Button(actionLabel);
            button.getStyleClass().add("notification-action");
            button.setOnAction(e -> {
                root.getChildren().remove(box);
                action.run();
            });
            box.getChildren().add(button);
        }
        Button close = new Button(null, new FontIcon(Material2AL.CLOSE));
        close.getStyleClass().addAll("notification-close", "flat");
        close.setOnAction(e -> root.getChildren().remove(box));
        box.getChildren().add(close);
        return box;
    }

    private void add(Node toast, Duration showFor) {
        root.getChildren().add(toast);
        // Keep the corner readable when many drops come in quickly.
        while (root.getChildren().size() > 5) {
            root.getChildren().removeFirst();
        }
        PauseTransition timer = new PauseTransition(showFor);
        timer.setOnFinished(e -> root.getChildren().remove(toast));
        timer.play();
    }
}
