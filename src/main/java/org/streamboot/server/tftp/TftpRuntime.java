package org.streamboot.server.tftp;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.files.FileSource;

/**
 * What the listening handler and every transfer handler of one service share: the files,
 * the limits, the executor for disk work, the open transfer channels and the counters.
 */
final class TftpRuntime {

    private static final Logger log = LoggerFactory.getLogger(TftpRuntime.class);

    /** A request as the client sent it; a repeat while it is being served is a retransmission. */
    record RequestKey(InetSocketAddress client, TftpPacket.Rrq request) {
    }

    final FileSource files;
    final TftpTransferListener listener;
    final TftpSettings settings;
    final Executor executor;

    private final AtomicInteger active = new AtomicInteger();
    private final Set<RequestKey> requests = ConcurrentHashMap.newKeySet();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong repeatedRequests = new AtomicLong();

    TftpRuntime(FileSource files, TftpTransferListener listener, TftpSettings settings, Executor executor) {
        this.files = files;
        this.listener = new GuardedListener(listener);
        this.settings = settings;
        this.executor = executor;
    }

    /**
     * Takes a transfer slot for this request. False when the same request is already being
     * served (the client retransmitted its RRQ before our first reply arrived) or when the
     * server is at its cap; {@link #busy()} tells the two apart.
     */
    boolean claim(RequestKey key) {
        if (!requests.add(key)) {
            repeatedRequests.incrementAndGet();
            return false;
        }
        if (active.incrementAndGet() > settings.maxTransfers()) {
            active.decrementAndGet();
            requests.remove(key);
            return false;
        }
        return true;
    }

    boolean busy() {
        return active.get() >= settings.maxTransfers();
    }

    void release(RequestKey key) {
        if (requests.remove(key)) {
            active.decrementAndGet();
        }
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    void track(Channel channel) {
        channels.add(channel);
        channel.closeFuture().addListener(f -> channels.remove(channel));
    }

    int activeTransfers() {
        return active.get();
    }

    /** Ends every transfer, e.g. when the service stops. */
    void closeAll() {
        List<Channel> open = new ArrayList<>(channels);
        for (Channel channel : open) {
            channel.close().awaitUninterruptibly();
        }
        if (!open.isEmpty()) {
            log.info("TFTP stopped with {} transfer(s) still running", open.size());
        }
    }
}
