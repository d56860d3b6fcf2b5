package org.streamboot.server.net.ipv6;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link RouterAdvertisement#minimal()} on one interface so that iPXE's IPv6
 * autoconfiguration ends at once instead of after ~16 s (notes, bite 1): to ff02::1 in answer
 * to every router solicitation, and unsolicited every 1-3 s for clients that solicited before
 * we listened (randomised, as RFC 4861 section 6.2.4 asks, so that servers do not pulse in step).
 *
 * <p>One platform thread per interface: it blocks in {@code poll(2)} through FFM, which would
 * pin a virtual thread's carrier anyway, and it wakes every {@value #POLL_MILLIS} ms to notice
 * {@link #close()}.
 */
public final class RouterAdvertiser implements AutoCloseable {

    static final int ROUTER_SOLICITATION = 133;
    static final int POLL_MILLIS = 250;
    /** One multicast answer serves every host that solicited meanwhile; a flood gets no more. */
    static final long MIN_ANSWER_GAP_NANOS = 50_000_000L;
    private static final Logger log = LoggerFactory.getLogger(RouterAdvertiser.class);
    private static final byte[] ALL_NODES = HexFormat.of().parseHex("ff020000000000000000000000000001");
    private static final byte[] ALL_ROUTERS = HexFormat.of().parseHex("ff020000000000000000000000000002");

    private final String interfaceName;
    private final byte[] advertisement = RouterAdvertisement.minimal().encode();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;

    private RouterAdvertiser(String interfaceName) {
        this.interfaceName = interfaceName;
        this.thread = Thread.ofPlatform().daemon().name("ipv6-ra-" + interfaceName).unstarted(this::run);
    }

    /**
     * Opens the raw socket on {@code interfaceName} and starts advertising.
     *
     * @throws IOException when the socket cannot be opened: most often errno 1, no CAP_NET_RAW
     *                     ({@link #permissionDenied(IOException)} tells)
     */
    public static RouterAdvertiser start(String interfaceName) throws IOException {
        RouterAdvertiser advertiser = new RouterAdvertiser(interfaceName);
        advertiser.thread.start();
        try {
            advertiser.opened.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            advertiser.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the ICMPv6 socket on " + interfaceName, e);
        }
        return advertiser;
    }

    /** True when opening failed for want of CAP_NET_RAW. */
    public static boolean permissionDenied(IOException e) {
        return e instanceof RawIcmpv6Socket.NativeCallException n && n.errno() == RawIcmpv6Socket.NativeCallException.EPERM;
    }

    public String interfaceName() {
        return interfaceName;
    }

    /** Advertisements that left the socket (solicited and periodic). */
    public long advertisementsSent() {
        return sent.get();
    }

    /** Router solicitations that were answered. */
    public long solicitationsAnswered() {
        return answered.get();
    }

    /** The socket lives on this thread only: its native memory is confined to it. */
    private void run() {
        RawIcmpv6Socket socket;
        try {
            socket = new RawIcmpv6Socket(interfaceName);
            try {
                socket.join(ALL_ROUTERS);
                socket.passOnly(ROUTER_SOLICITATION);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            opened.completeExceptionally(e);
            return;
        }
        opened.complete(null);
        try (socket) {
            loop(socket);
        } catch (RuntimeException e) {
            log.error("IPv6 router advertisements on {} stopped", interfaceName, e);
        }
    }

    private void loop(RawIcmpv6Socket socket) {
        long nextPeriodic = 0;
        long lastAnswer = System.nanoTime() - MIN_ANSWER_GAP_NANOS;
        String lastProblem = "";
        while (running) {
            boolean solicited = false;
            try {
                byte[] message = socket.receive(POLL_MILLIS);
                solicited = RouterAdvertisement.isRouterSolicitation(message);
            } catch (IOException e) {
                lastProblem = report(e, lastProblem);
                sleepQuietly();
            }
            long now = System.nanoTime();
            boolean answer = solicited && now - lastAnswer >= MIN_ANSWER_GAP_NANOS;
            if (answer || now >= nextPeriodic) {
                try {
                    socket.send(advertisement, ALL_NODES);
                    sent.incrementAndGet();
                    if (answer) {
                        answered.incrementAndGet();
                        lastAnswer = now;
                    }
                    lastProblem = "";
                } catch (IOException e) {
                    // An interface without carrier or without a link-local address yet: keep trying.
                    lastProblem = report(e, lastProblem);
                }
                nextPeriodic = now + ThreadLocalRandom.current().nextLong(1_000_000_000L, 3_000_000_000L);
            }
        }
    }

    /** Logs a problem once, not every second while it lasts. */
    private String report(IOException e, String lastProblem) {
        String problem = String.valueOf(e.getMessage());
        if (!problem.equals(lastProblem)) {
            log.info("IPv6 router advertisement on {} not sent (will retry): {}", interfaceName, problem);
        }
        return problem;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops advertising and closes the socket; returns once the thread has ended. */
    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
