package org.streamboot.server.nbd;

import java.util.concurrent.atomic.AtomicLong;

/** What the NBD service has done, for logs and the console; safe to read from any thread. */
public final class NbdCounters {

    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong refusedOptions = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong failedRequests = new AtomicLong();
    private final AtomicLong unexpectedErrors = new AtomicLong();

    /** A snapshot of the counters. */
    public record Snapshot(long connections, long refusedOptions, long violations, long reads, long bytesRead,
                           long writes, long bytesWritten, long failedRequests, long unexpectedErrors) {
    }

    public Snapshot snapshot() {
        return new Snapshot(connections.get(), refusedOptions.get(), violations.get(), reads.get(), bytesRead.get(),
                writes.get(), bytesWritten.get(), failedRequests.get(), unexpectedErrors.get());
    }

    void connected() {
        connections.incrementAndGet();
    }

    void refusedOption() {
        refusedOptions.incrementAndGet();
    }

    void violation() {
        violations.incrementAndGet();
    }

    void read(long bytes) {
        reads.incrementAndGet();
        bytesRead.addAndGet(bytes);
    }

    void wrote(long bytes) {
        writes.incrementAndGet();
        bytesWritten.addAndGet(bytes);
    }

    /** A connection ended because of an exception the protocol code did not expect. */
    void unexpected() {
        unexpectedErrors.incrementAndGet();
    }

    void failed() {
        failedRequests.incrementAndGet();
    }
}
