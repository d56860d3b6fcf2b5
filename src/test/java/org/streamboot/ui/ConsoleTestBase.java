package org.streamboot.ui;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

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
}
