package org.streamboot.ui.dnd;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * Makes a node a drop target: while something it handles hovers over it, it is highlighted as
 * accepting or refusing, and a refusal's reason goes to the {@link DragFeedback}; a drop it
 * accepts runs {@code drop}. Drags it does not handle pass on to the nodes behind it.
 */
public final class DropTarget {

    private static final String ACCEPT = "drop-accept";
    private static final String REFUSE = "drop-refuse";

    private DropTarget() {
    }

    public static void install(Node node, DragFeedback feedback, Predicate<Dragboard> handles,
                               Function<Dragboard, Verdict> check, Consumer<Dragboard> drop, TransferMode... modes) {
        node.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (!handles.test(e.getDragboard())) {
                return;
            }
            Verdict v = check.apply(e.getDragboard());
            mark(node, v.accepted() ? ACCEPT : REFUSE);
            if (v.accepted()) {
                e.acceptTransferModes(modes);
                feedback.accepted();
            } else {
                feedback.refused(v.reason());
            }
            e.consume();
        });
        node.addEventHandler(DragEvent.DRAG_EXITED, e -> {
            if (node.getStyleClass().removeAll(ACCEPT, REFUSE)) {
                feedback.left();
            }
        });
        node.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            if (!handles.test(e.getDragboard())) {
                return;
            }
            node.getStyleClass().removeAll(ACCEPT, REFUSE);
            Verdict v = check.apply(e.getDragboard());
            if (v.accepted()) {
                drop.accept(e.getDragboard());
            }
            e.setDropCompleted(v.accepted());
            e.consume();
        });
    }

    private static void mark(Node node, String style) {
        node.getStyleClass().removeAll(ACCEPT, REFUSE);
        node.getStyleClass().add(style);
    }
}
