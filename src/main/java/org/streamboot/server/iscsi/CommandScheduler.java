package org.streamboot.server.iscsi;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's blocking work (SCSI commands, logins, target listings) on a shared
 * executor, as many jobs at once as the initiator keeps in flight. RFC 7143 4.2.2.1 delivers
 * commands in CmdSN order, but their execution order is the SCSI layer's: SIMPLE tasks may
 * complete in any order (SAM-5 8.6), and each response carries its task tag.
 *
 * <p>A <em>barrier</em> (task management, logout, an ORDERED task, the release of a closed
 * connection) starts only when every job submitted before it has finished, and jobs submitted
 * after it wait until it has finished. Scheduling state is touched only on the connection's
 * event loop; finished jobs come back through one queue drained by one event-loop task, so a
 * burst of completions costs one wake-up and {@code afterBatch} (a flush) once.
 */
final class CommandScheduler {

    private static final Logger log = LoggerFactory.getLogger(CommandScheduler.class);

    private record Job(boolean barrier, Supplier<Object> work, Consumer<Object> then) {
    }

    private record Finished(Job job, Object outcome) {
    }

    private final Executor workers;
    private final Executor eventLoop;
    private final Runnable afterBatch;
    private final Runnable onRejected;
    private final Queue<Job> waiting = new ArrayDeque<>();
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private int running;
    private boolean barrierRunning;

    /**
     * @param afterBatch  runs on the event loop after each batch of completions (the flush)
     * @param onRejected  runs on the event loop when the executor refuses work (service stopping)
     */
    CommandScheduler(Executor workers, Executor eventLoop, Runnable afterBatch, Runnable onRejected) {
        this.workers = workers;
        this.eventLoop = eventLoop;
        this.afterBatch = afterBatch;
        this.onRejected = onRejected;
    }

    /** Runs {@code work} on a worker, then {@code then} with its outcome on the event loop. */
    void submit(boolean barrier, Supplier<Object> work, Consumer<Object> then) {
        Job job = new Job(barrier, work, then);
        if (mayStart(job)) {
            start(job);
        } else {
            waiting.add(job);
        }
    }

    /**
     * True when no barrier is running or waiting: an answer made on the event loop itself (a
     * read from RAM) may then go out at once without overtaking a barrier it must follow.
     */
    boolean open() {
        return !barrierRunning && waiting.isEmpty();
    }

    /** Jobs started and not yet handed back. */
    int running() {
        return running;
    }

    private boolean mayStart(Job job) {
        return waiting.isEmpty() && !barrierRunning && (!job.barrier() || running == 0);
    }

    private void start(Job job) {
        running++;
        barrierRunning = job.barrier();
        try {
            workers.execute(() -> {
                Object outcome;
                try {
                    outcome = job.work().get();
                } catch (RuntimeException e) {
                    log.error("iSCSI work failed", e);
                    outcome = null;
                }
                finished.add(new Finished(job, outcome));
                if (drainScheduled.compareAndSet(false, true)) {
                    eventLoop.execute(this::drain);
                }
            });
        } catch (RejectedExecutionException e) {
            running--;
            barrierRunning = false;
            onRejected.run();
        }
    }

    /** On the event loop: hands back every finished job, then starts what may start now. */
    private void drain() {
        // Cleared before polling: a job finishing after the last poll schedules a new drain.
        drainScheduled.set(false);
        for (Finished f; (f = finished.poll()) != null; ) {
            running--;
            if (f.job().barrier()) {
                barrierRunning = false;
            }
            f.job().then().accept(f.outcome());
        }
        while (!waiting.isEmpty() && !barrierRunning && (!waiting.peek().barrier() || running == 0)) {
            start(waiting.poll());
        }
        afterBatch.run();
    }
}
