package org.streamboot.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.db.BootEventRepository;
import org.streamboot.server.db.Database;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.model.BootEvent.Severity;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;

class LiveHubTest {

    static final MacAddress A = MacAddress.parse("52:54:00:00:00:0a");
    static final MacAddress B = MacAddress.parse("52:54:00:00:00:0b");

    LiveHub hub = new LiveHub(Clock.fixed(Instant.ofEpochMilli(1000), ZoneOffset.UTC));

    @Test
    void snapshotsHoldEachClientsLatestStage() {
        hub.emit(A, BootStage.DHCP, Severity.INFO, "offer sent");
        hub.emit(B, BootStage.DHCP, Severity.INFO, "offer sent");
        hub.emit(A, BootStage.SCRIPT, Severity.INFO, "boot script sent");
        LiveSnapshot s = hub.snapshot();
        assertThat(s.sequence()).isEqualTo(3);
        assertThat(s.clients()).extracting(ClientActivity::mac).containsExactly(A, B);
        assertThat(s.clients().getFirst().stage()).isEqualTo(BootStage.SCRIPT);
        assertThat(s.recent()).extracting(BootEvent::detail).containsExactly("offer sent", "offer sent", "boot script sent");
    }

    @Test
    void drainHandsOverEveryEventOnceInOrder() throws Exception {
        int threads = 8;
        int perThread = 1000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    hub.emit(A, BootStage.STREAMING, Severity.INFO, "read");
                }
            }));
        }
        List<BootEvent> seen = new ArrayList<>();
        go.countDown();
        for (Thread w : workers) {
            while (w.isAlive()) {
                hub.drain(seen::addAll);
            }
            w.join();
        }
        hub.drain(seen::addAll);
        assertThat(seen).hasSize(threads * perThread);
        assertThat(hub.sequence()).isEqualTo(threads * perThread);
    }

    @Test
    void theWriterPersistsEventsInBatches(@TempDir Path dir) {
        try (Database db = Database.open(dir)) {
            BootEventWriter writer = new BootEventWriter(hub, db);
            for (int i = 0; i < 100; i++) {
                hub.emit(A, BootStage.DHCP, Severity.INFO, "event " + i);
            }
            writer.close(); // flushes what is pending
            List<BootEvent> stored = db.call(c -> new BootEventRepository().ofClient(c, A, 1000));
            assertThat(stored).hasSize(100);
            assertThat(stored.getLast().detail()).isEqualTo("event 99");
        }
    }
}
