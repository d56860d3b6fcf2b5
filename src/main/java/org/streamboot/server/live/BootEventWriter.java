package org.streamboot.server.live;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.db.BootEventRepository;
import org.streamboot.server.db.Database;
import org.streamboot.server.model.BootEvent;

/**
 * Persists the hub's events into the bounded boot history, one transaction per batch every
 * half second, so that a boot storm of thirty PCs costs a few commits, not thousands.
 */
public final class BootEventWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BootEventWriter.class);
    private static final long PERIOD_MS = 500;

    private final LiveHub hub;
    private final Database db;
    private final BootEventRepository events = new BootEventRepository();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("streamboot-events").daemon(true).factory());

    public BootEventWriter(LiveHub hub, Database db) {
        this.hub = hub;
        this.db = db;
    }

    public BootEventWriter start() {
        timer.scheduleWithFixedDelay(this::flush, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Writes what is pending now; also called once more on close. */
    public void flush() {
        try {
            hub.drain(this::write);
        } catch (RuntimeException e) {
            log.warn("Boot events could not be saved: {}", e.getMessage());
        }
    }

    private void write(List<BootEvent> batch) {
        db.transaction(c -> {
            for (BootEvent e : batch) {
                events.insert(c, e);
            }
            return null;
        });
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
