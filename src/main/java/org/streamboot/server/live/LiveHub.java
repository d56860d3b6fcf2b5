package org.streamboot.server.live;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;

/**
 * The meeting point of protocol handlers and the console. Handlers {@link #emit} small event
 * records — cheap, never blocking on I/O, safe from any thread including event loops; the
 * console pulls a {@link #snapshot} a few times a second. Events also go to a sink (the
 * database writer) in batches via {@link #drain}.
 */
public final class LiveHub {

    private static final int RECENT_EVENTS = 500;
    private static final int PENDING_LIMIT = 50_000;

    private final Clock clock;
    private final Map<MacAddress, ClientActivity> clients = new HashMap<>();
    private final ArrayDeque<BootEvent> recent = new ArrayDeque<>();
    private final ArrayList<BootEvent> pending = new ArrayList<>();
    private long sequence;
    private long dropped;

    public LiveHub(Clock clock) {
        this.clock = clock;
    }

    public void emit(MacAddress mac, BootStage stage, BootEvent.Severity severity, String detail) {
        emit(new BootEvent(clock.millis(), mac, stage, severity, detail));
    }

    /** Records an event; a short critical section, no I/O. */
    public synchronized void emit(BootEvent event) {
        sequence++;
        if (event.mac() != null) {
            ClientActivity before = clients.get(event.mac());
            long since = before != null && before.stage() == event.stage() ? before.since() : event.at();
            clients.put(event.mac(), new ClientActivity(event.mac(), event.stage(), event, since));
        }
        recent.addLast(event);
        if (recent.size() > RECENT_EVENTS) {
            recent.removeFirst();
        }
        // If the database falls far behind, keep the live view and drop the oldest history.
        if (pending.size() >= PENDING_LIMIT) {
            pending.removeFirst();
            dropped++;
        }
        pending.add(event);
    }

    public synchronized LiveSnapshot snapshot() {
        List<ClientActivity> all = new ArrayList<>(clients.values());
        all.sort(Comparator.comparing(ClientActivity::mac));
        return new LiveSnapshot(sequence, List.copyOf(all), List.copyOf(recent), clock.millis());
    }

    public synchronized long sequence() {
        return sequence;
    }

    /** Events not yet persisted that were dropped because the sink fell behind. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Hands every pending event to {@code sink} in one batch (called by the writer, off the hot path). */
    public void drain(Consumer<List<BootEvent>> sink) {
        List<BootEvent> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = List.copyOf(pending);
            pending.clear();
        }
        sink.accept(batch);
    }
}
