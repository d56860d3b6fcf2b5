package org.streamboot.ui;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Assumptions;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.config.Ports;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.VdiskRepository;
import org.streamboot.server.model.VdiskMode;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real console on a throw-away data directory, on loopback, and closes it again. */
final class ConsoleFixture {

    static final long GIB = 1L << 30;

    final CountDownLatch exited = new CountDownLatch(1);
    private ConsoleApp app;
    private Stage stage;

    /** Every service on 127.0.0.1 and an ephemeral port, except those the caller overrides. */
    static ServerConfig loopback(Path dataDir, Ports ports) {
        return ServerConfig.defaults(dataDir).withBindAddress(InetAddress.getLoopbackAddress()).withPorts(ports);
    }

    static Ports ephemeralPorts() {
        return new Ports(0, 0, 0, 0, 0, 0);
    }

    /** Puts data in the database before the console opens it, as the CLI would. */
    static void seed(Path dataDir, Seeder seeder) {
        try (Database db = Database.open(dataDir)) {
            seeder.seed(new AdminService(db, Clock.systemUTC()), db);
        }
    }

    /** vDisk import does not exist yet: the row goes straight into the repository. */
    static void insertVdisk(Database db, String name, VdiskMode mode, long sizeBytes) {
        db.transaction(c -> new VdiskRepository().insert(c, name, mode, sizeBytes, true, System.currentTimeMillis()));
    }

    @FunctionalInterface
    interface Seeder {
        void seed(AdminService admin, Database db);
    }

    /** The console needs an X display; without one the test is skipped, saying how to get one. */
    static void assumeDisplay() {
        String display = System.getenv("DISPLAY");
        Assumptions.assumeTrue(display != null && !display.isBlank(),
                "no X display: run under Xvfb, e.g. xvfb-run -a -s \"-screen 0 1280x1024x24\" ./mvnw test"
                        + " (Debian: xvfb xauth libgtk-3-0)");
    }

    ConsoleApp start(ServerConfig config) throws Exception {
        return start(config, 0);
    }

    /** With {@code demoClients} simulated PCs, as {@code --demo N} does. */
    ConsoleApp start(ServerConfig config, int demoClients) throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(config, demoClients, exited::countDown));
        return app;
    }

    Stage stage() {
        return stage;
    }

    /** What the window manager does when the user clicks the close box. */
    void requestClose() throws Exception {
        FxToolkit.setupFixture(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    boolean awaitExit(long seconds) throws InterruptedException {
        return exited.await(seconds, TimeUnit.SECONDS);
    }

    /** Whatever happened in the test: no server, socket or database outlives it. */
    void cleanUp() throws Exception {
        if (stage == null) {
            return; // never started (e.g. the test was skipped): there is no toolkit to clean
        }
        if (app != null && app.lifecycle() != null) {
            app.lifecycle().close().get(20, TimeUnit.SECONDS);
        }
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.waitForFxEvents();
    }
}
