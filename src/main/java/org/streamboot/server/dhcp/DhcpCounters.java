package org.streamboot.server.dhcp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the DHCP service has seen and sent since it started; read by the console and by tests. */
public final class DhcpCounters {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final Map<MalformedPacketException.Reason, AtomicLong> malformed = new EnumMap<>(MalformedPacketException.Reason.class);

    public DhcpCounters() {
        for (MalformedPacketException.Reason r : MalformedPacketException.Reason.values()) {
            malformed.put(r, new AtomicLong());
        }
    }

    void received() {
        received.incrementAndGet();
    }

    void ignored() {
        ignored.incrementAndGet();
    }

    void sent() {
        sent.incrementAndGet();
    }

    void sendFailed() {
        sendFailures.incrementAndGet();
    }

    void malformed(MalformedPacketException.Reason reason) {
        malformed.get(reason).incrementAndGet();
    }

    public long receivedCount() {
        return received.get();
    }

    public long ignoredCount() {
        return ignored.get();
    }

    public long sentCount() {
        return sent.get();
    }

    public long sendFailureCount() {
        return sendFailures.get();
    }

    public long malformedCount() {
        return malformed.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long malformedCount(MalformedPacketException.Reason reason) {
        return malformed.get(reason).get();
    }
}
