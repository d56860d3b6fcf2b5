package org.streamboot.ui.shell;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a snapshot every period on its own daemon thread and hands it on. Fixed delay, not
 * fixed rate: a slow database read delays the next poll instead of queueing a burst of them.
 * A failed poll is reported and the next one runs anyway, because a scheduled task that throws
 * is never run again.
 */
public final class SnapshotPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotPoller.class);

    private final SnapshotSource source;
    private final Duration period;
    private final Consumer<ConsoleSnapshot> onSnapshot;
    private final Consumer<RuntimeException> onError;
    private ScheduledExecutorService executor;

    public SnapshotPoller(SnapshotSource source, Duration period, Consumer<ConsoleSnapshot> onSnapshot,
                          Consumer<RuntimeException> onError) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("poll period must be positive: " + period);
        }
        this.source = source;
        this.period = period;
        this.onSnapshot = onSnapshot;
        this.onError = onError;
    }

    /** Starts polling now (the first snapshot is taken at once). */
    public synchronized void start() {
        if (executor != null) {
            throw new IllegalStateException("poller already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("streamboot-console-poll").daemon(true).factory());
        executor.scheduleWithFixedDelay(this::pollOnce, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollOnce() {
        ConsoleSnapshot snapshot;
        try {
            snapshot = source.take();
        } catch (RuntimeException e) {
            log.warn("Console refresh failed: {}", e.getMessage());
            onError.accept(e);
            return;
        }
        onSnapshot.accept(snapshot);
    }

    /** Stops polling and waits for a poll in progress, so that nothing reads the server after this returns. */
    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("A console refresh was still running after 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
