package org.streamboot.ui.shell;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands values from a background thread to the FX thread, at most one hop in flight. When the
 * FX thread is busy and falls behind, newer values replace the pending one instead of queueing:
 * the screen only ever needs the latest snapshot, and a queue of stale ones would grow without
 * bound.
 *
 * @param <T> what is handed over
 */
public final class CoalescingDispatcher<T> implements Consumer<T> {

    private final Executor uiThread;
    private final Consumer<T> apply;
    private final AtomicReference<T> pending = new AtomicReference<>();

    /**
     * @param uiThread runs a task on the UI thread ({@code Platform::runLater} in the console)
     * @param apply    called on the UI thread with the latest value
     */
    public CoalescingDispatcher(Executor uiThread, Consumer<T> apply) {
        this.uiThread = uiThread;
        this.apply = apply;
    }

    @Override
    public void accept(T value) {
        if (pending.getAndSet(value) == null) {
            uiThread.execute(this::drain);
        }
    }

    private void drain() {
        T latest = pending.getAndSet(null);
        if (latest != null) {
            apply.accept(latest);
        }
    }
}
