package org.streamboot.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Puts Netty's leak detector at PARANOID (every buffer tracked) and listens to what it reports.
 * The detector reports a leak when a tracked buffer that was never released has been garbage
 * collected and a later allocation looks at the collected ones; {@link #assertNoLeaks} forces
 * both, so a leak in the code under test fails the test instead of only being logged.
 */
public final class NettyLeakCheck implements AutoCloseable {

    private final ResourceLeakDetector.Level previousLevel = ResourceLeakDetector.getLevel();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private final Level previousLogLevel = logger.getLevel();
    private final ListAppender<ILoggingEvent> reports = new ListAppender<>();

    private NettyLeakCheck() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        // Leaks of earlier tests in this JVM are reported now, before anyone listens.
        leakReports();
        reports.start();
        logger.addAppender(reports);
        logger.setLevel(Level.ERROR);
    }

    public static NettyLeakCheck paranoid() {
        return new NettyLeakCheck();
    }

    /** Fails with the detector's reports when any buffer allocated since {@link #paranoid} leaked. */
    public void assertNoLeaks() {
        List<String> leaks = leakReports();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported:\n" + String.join("\n", leaks));
        }
    }

    /** Collects garbage and lets the detector inspect it; returns what it reported so far. */
    public List<String> leakReports() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            System.runFinalization();
            // Tracking a new buffer is what makes the detector poll its queue of collected ones.
            ByteBufAllocator.DEFAULT.buffer(1).release();
            ByteBufAllocator.DEFAULT.directBuffer(1).release();
            ByteBufAllocator.DEFAULT.heapBuffer(1).release();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (reports.list) {
            return reports.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("LEAK")).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(reports);
        logger.setLevel(previousLogLevel);
        reports.stop();
        ResourceLeakDetector.setLevel(previousLevel);
    }
}
