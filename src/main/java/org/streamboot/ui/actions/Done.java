package org.streamboot.ui.actions;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What a finished console action says, and how to take it back when it can be.
 *
 * @param undo runs the opposite action, or null when there is none
 */
public record Done(String message, Supplier<CompletableFuture<Done>> undo) {

    public static Done of(String message) {
        return new Done(message, null);
    }

    public boolean undoable() {
        return undo != null;
    }
}
