package org.streamboot.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.admin.Who;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.server.vdisk.VdiskLayout;
import org.streamboot.server.vdisk.VdiskStore;
import org.streamboot.ui.shell.ServerLifecycle;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The real console window against a real server in a temporary data directory; needs a display. */
abstract class ConsoleTestBase extends FxRobot {

    @TempDir
    Path temp;

    final ConsoleFixture console = new ConsoleFixture();

    @BeforeEach
    void needsADisplay() {
        ConsoleFixture.assumeDisplay();
    }

    @AfterEach
    void closeTheConsole() throws Exception {
        console.cleanUp();
    }

    /** Waits (at most 40 s) until {@code condition} holds, letting the FX thread run in between. */
    static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }

    /** The console on a data directory with pc-01 assigned a 64 MiB standard vDisk win11, once pc-01's card shows. */
    ConsoleApp consoleWithPc01OnWin11() throws Exception {
        Path dataDir = temp.resolve("data");
        ConsoleFixture.seed(dataDir, (admin, db) -> {
            admin.addClient("52:54:00:00:00:01", "pc-01", null, null);
            try {
                new VdiskStore(db, new VdiskLayout(dataDir), Clock.systemUTC()).create("win11", 64L << 20,
                        VdiskMode.STANDARD, false);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            admin.assign(new Who.Client("pc-01"), "win11", false);
        });
        ConsoleApp app = console.start(ConsoleFixture.loopback(dataDir, ConsoleFixture.ephemeralPorts()));
        waitFor(() -> app.lifecycle().state() == ServerLifecycle.State.RUNNING && lookup("#card-pc-01").tryQuery().isPresent());
        return app;
    }
}
