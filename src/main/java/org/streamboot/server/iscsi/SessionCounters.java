package org.streamboot.server.iscsi;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Live per-session counters, written on the event loop and read by the console at any time. */
final class SessionCounters {

    final AtomicLong commands = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    final AtomicLong protocolErrors = new AtomicLong();
    final AtomicLong droppedCommands = new AtomicLong();
    final Instant since = Instant.now();

    IscsiSessionSnapshot snapshot(String initiator, String target, long isid, int tsih, String remote) {
        return new IscsiSessionSnapshot(initiator, target, isid, tsih, remote, since, commands.get(), bytesRead.get(),
                bytesWritten.get(), protocolErrors.get(), droppedCommands.get());
    }
}
