package org.streamboot.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Waits for SIGTERM or SIGINT. The JVM's own handling would run shutdown hooks and exit with
 * 143/130; a service manager (systemd) expects a clean stop to exit 0, so the signal is taken
 * over and the server closes on the main thread, in order.
 */
final class ShutdownSignal {

    private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);
    private final CountDownLatch received = new CountDownLatch(1);
    private volatile String name = "";

    ShutdownSignal() {
        for (String sig : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(sig), s -> {
                    name = "SIG" + s.getName();
                    received.countDown();
                });
            } catch (IllegalArgumentException e) {
                log.debug("cannot handle SIG{}: {}", sig, e.getMessage());
            }
        }
    }

    /** Whether a signal has arrived (for long work that polls, such as an import). */
    boolean received() {
        return received.getCount() == 0;
    }

    /** Blocks until a signal arrives; returns its name. */
    String await() throws InterruptedException {
        received.await();
        return name;
    }
}
