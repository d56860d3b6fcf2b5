package org.streamboot.ui.dnd;

import java.util.function.Consumer;
import javafx.scene.control.Label;

/**
 * Tells the admin, while dragging, why a target refuses: a hint line shows the reason under
 * the pointer's target, and a drop that lands nowhere after a refusal is reported once, so a
 * refused drop never just does nothing silently.
 */
public final class DragFeedback {

    private final Label hint = new Label();
    private final Consumer<String> onRefusedDrop;
    private String lastRefusal;

    public DragFeedback(Consumer<String> onRefusedDrop) {
        this.onRefusedDrop = onRefusedDrop;
        hint.setId("drop-hint");
        hint.getStyleClass().add("drop-hint");
        hint.setVisible(false);
        hint.setMouseTransparent(true);
    }

    public Label hint() {
        return hint;
    }

    void accepted() {
        lastRefusal = null;
        hint.setVisible(false);
    }

    void refused(String reason) {
        lastRefusal = reason;
        hint.setText(reason);
        hint.setVisible(true);
    }

    /**
     * The pointer left a target: the hint goes, but the refusal is kept, so that a drop that
     * was refused is still reported when the drag ends. Files dragged in from a file manager
     * have no drag end here; for them the hint while hovering is the whole answer.
     */
    void left() {
        hint.setVisible(false);
    }

    /** Called by a drag source when its drag ends. */
    public void dragEnded(boolean dropped) {
        hint.setVisible(false);
        if (!dropped && lastRefusal != null) {
            onRefusedDrop.accept(lastRefusal);
        }
        lastRefusal = null;
    }
}
