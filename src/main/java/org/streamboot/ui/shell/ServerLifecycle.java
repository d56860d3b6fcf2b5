package org.streamboot.ui.shell;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.BootServer;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.live.demo.DemoFleet;

/**
 * The console's side of the embedded server: opens and starts it, polls it while it runs, and
 * closes it. Opening touches the disk and binding touches the network, so all of it runs on one
 * background thread; using one thread also means a close requested while the server is still
 * opening waits for the open to finish and then undoes it. A second close (two clicks
 * on the close box) gets the first one's future and does nothing more.
 */
public final class ServerLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServerLifecycle.class);

    /** Where the console's server is in its life. */
    public enum State { NEW, OPENING, RUNNING, FAILED, STOPPING, STOPPED }

    /** Told, on a background thread, how opening went. */
    public interface Listener {
        void opened(BootServer server);

        void failed(String reason);
    }

    private static final long DEMO_SEED = 20_261_101L;
    private static final long DEMO_TICK_MILLIS = 600;

    private final ServerConfig config;
    private final Function<ServerConfig, BootServer> opener;
    private final Duration pollPeriod;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("streamboot-console-server").daemon(true).factory());
    private volatile BootServer server;
    private volatile SnapshotPoller poller;
    private volatile DemoFleet demo;
    private final int demoClients;
    private CompletableFuture<Void> closing;

    public ServerLifecycle(ServerConfig config, Function<ServerConfig, BootServer> opener, Duration pollPeriod) {
        this(config, opener, pollPeriod, 0);
    }

    /** @param demoClients how many simulated PCs to run next to the real ones (0: none) */
    public ServerLifecycle(ServerConfig config, Function<ServerConfig, BootServer> opener, Duration pollPeriod,
                           int demoClients) {
        if (demoClients < 0) {
            throw new IllegalArgumentException("demo clients must not be negative: " + demoClients);
        }
        this.demoClients = demoClients;
        this.config = config;
        this.opener = opener;
        this.pollPeriod = pollPeriod;
    }

    /** The console's usual lifecycle: {@link BootServer#open}, snapshots every 500 ms. */
    public static ServerLifecycle standard(ServerConfig config) {
        return new ServerLifecycle(config, BootServer::open, Duration.ofMillis(500));
    }

    /** The console's usual lifecycle plus a simulated fleet of {@code demoClients} PCs (none when 0). */
    public static ServerLifecycle standard(ServerConfig config, int demoClients) {
        return new ServerLifecycle(config, BootServer::open, Duration.ofMillis(500), demoClients);
    }

    public State state() {
        return state.get();
    }

    public ServerConfig config() {
        return config;
    }

    /** The server once it is open; empty before that or when opening failed. */
    public Optional<BootServer> server() {
        return Optional.ofNullable(server);
    }

    /**
     * Opens the database, binds the services and starts polling. A service that cannot bind is
     * not a failure here: it shows up FAILED in the snapshots while the others run.
     */
    public CompletableFuture<Void> open(Listener listener, Consumer<ConsoleSnapshot> snapshots,
                                        Consumer<RuntimeException> pollErrors) {
        if (!state.compareAndSet(State.NEW, State.OPENING)) {
            throw new IllegalStateException("the server was already opened (" + state.get() + ")");
        }
        return CompletableFuture.runAsync(() -> {
            BootServer opened;
            try {
                opened = opener.apply(config);
            } catch (RuntimeException e) {
                log.error("Cannot open the data directory {}: {}", config.dataDir(), e.getMessage());
                state.compareAndSet(State.OPENING, State.FAILED);
                listener.failed(e.getMessage() == null ? e.toString() : e.getMessage());
                return;
            }
            server = opened;
            try {
                opened.start();
                SnapshotSource source = SnapshotSource.of(opened, Clock.systemDefaultZone());
                if (demoClients > 0) {
                    DemoFleet fleet = new DemoFleet(opened.live(), opened.admin(), demoClients, DEMO_SEED,
                            Clock.systemUTC()).register().start(DEMO_TICK_MILLIS);
                    demo = fleet;
                    source = SnapshotSource.of(opened, Clock.systemDefaultZone(), fleet::activity);
                }
                SnapshotPoller p = new SnapshotPoller(source, pollPeriod, snapshots, pollErrors);
                poller = p;
                p.start();
            } catch (RuntimeException e) {
                // Bind failures are reported per service; anything else means the server is unusable.
                log.error("Cannot start the server", e);
                state.compareAndSet(State.OPENING, State.FAILED);
                listener.failed("the server could not start: " + e.getMessage());
                return;
            }
            state.compareAndSet(State.OPENING, State.RUNNING);
            listener.opened(opened);
        }, worker);
    }

    /**
     * Stops polling, then closes the server (sockets, event loops, database). Completes when
     * all of that is done; later calls return the same future.
     */
    public synchronized CompletableFuture<Void> close() {
        if (closing != null) {
            return closing;
        }
        state.set(State.STOPPING);
        closing = CompletableFuture.runAsync(() -> {
            DemoFleet fleet = demo;
            if (fleet != null) {
                fleet.close();
            }
            SnapshotPoller p = poller;
            if (p != null) {
                p.close();
            }
            BootServer s = server;
            if (s != null) {
                s.close();
            }
            state.set(State.STOPPED);
        }, worker);
        worker.shutdown();
        return closing;
    }
}
