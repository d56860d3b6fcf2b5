package org.streamboot.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CoalescingDispatcherTest {

    /** Stands in for the FX queue: tasks wait until the test runs them. */
    private final List<Runnable> uiQueue = new ArrayList<>();
    private final List<Integer> applied = new ArrayList<>();
    private final CoalescingDispatcher<Integer> dispatcher = new CoalescingDispatcher<>(uiQueue::add, applied::add);

    @Test
    void valuesOfferedWhileTheUiIsBusyBecomeOneHopWithTheLatest() {
        dispatcher.accept(1);
        dispatcher.accept(2);
        dispatcher.accept(3);
        assertThat(uiQueue).hasSize(1);
        uiQueue.removeFirst().run();
        assertThat(applied).containsExactly(3);
    }

    @Test
    void aValueAfterTheHopRanSchedulesANewHop() {
        dispatcher.accept(1);
        uiQueue.removeFirst().run();
        dispatcher.accept(2);
        assertThat(uiQueue).hasSize(1);
        uiQueue.removeFirst().run();
        assertThat(applied).containsExactly(1, 2);
    }

    @Test
    @Timeout(10)
    void underConcurrentProducersTheLastValueAlwaysArrivesAndHopsStayFew() throws Exception {
        List<Runnable> queue = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        CoalescingDispatcher<Integer> d = new CoalescingDispatcher<>(queue::add, seen::add);
        ExecutorService producers = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            producers.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    d.accept(i);
                    if (i % 100 == 0) {
                        drain(queue);
                    }
                }
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        producers.shutdown();
        d.accept(-1);
        drain(queue);
        assertThat(seen.getLast()).isEqualTo(-1);
        assertThat(seen.size()).isLessThan(40_000);
        assertThat(queue).isEmpty();
    }

    private static void drain(List<Runnable> queue) {
        while (true) {
            Runnable r;
            synchronized (queue) {
                if (queue.isEmpty()) {
                    return;
                }
                r = queue.removeFirst();
            }
            r.run();
        }
    }
}
