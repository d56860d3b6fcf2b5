package org.streamboot.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SnapshotPollerTest {

    private static ConsoleSnapshot empty() {
        return new ConsoleSnapshot(List.of(), List.of(), List.of(), List.of(), Instant.now());
    }

    @Test
    void pollsRepeatedlyOffTheCallingThreadAndStopsOnClose() throws Exception {
        LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();
        AtomicInteger takes = new AtomicInteger();
        SnapshotPoller poller = new SnapshotPoller(() -> {
            takes.incrementAndGet();
            return empty();
        }, Duration.ofMillis(20), s -> threads.add(Thread.currentThread().getName()), e -> { });
        poller.start();
        for (int i = 0; i < 3; i++) {
            assertThat(threads.poll(5, TimeUnit.SECONDS)).isEqualTo("streamboot-console-poll");
        }
        poller.close();
        int after = takes.get();
        Thread.sleep(100); // several periods: a stopped poller must not take another snapshot
        assertThat(takes.get()).isEqualTo(after);
    }

    @Test
    void aFailedPollIsReportedAndPollingGoesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        try (SnapshotPoller poller = new SnapshotPoller(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database is locked");
            }
            return empty();
        }, Duration.ofMillis(10), events::add, events::add)) {
            poller.start();
            assertThat(events.poll(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
            assertThat(events.poll(5, TimeUnit.SECONDS)).isInstanceOf(ConsoleSnapshot.class);
        }
    }

    @Test
    void rejectsANonPositivePeriodAndASecondStart() {
        assertThatThrownBy(() -> new SnapshotPoller(SnapshotPollerTest::empty, Duration.ZERO, s -> { }, e -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        try (SnapshotPoller p = new SnapshotPoller(SnapshotPollerTest::empty, Duration.ofSeconds(1), s -> { }, e -> { })) {
            p.start();
            assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class);
        }
    }
}
