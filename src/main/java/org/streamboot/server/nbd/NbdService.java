package org.streamboot.server.nbd;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.streamboot.server.net.Endpoint;
import org.streamboot.server.net.NetService;
import org.streamboot.server.net.Transport;

/**
 * The NBD server (fixed newstyle handshake, proto.md) for Linux clients and tools such as
 * nbdcopy and qemu-img. Exports come from {@link NbdExports}; block I/O runs on virtual
 * threads, never on the event loop.
 */
public final class NbdService implements NetService {

    private final int port;
    private final NbdExports exports;
    private final NbdCounters counters = new NbdCounters();
    // Virtual threads hold nothing while idle, so the executor lives as long as the service
    // and a stopped service can be started again.
    private final ExecutorService blockIo = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("nbd-io-", 0).factory());

    /** A service that offers no exports (every GO gets NBD_REP_ERR_UNKNOWN) until one is wired in. */
    public NbdService(int port) {
        this(port, NbdExports.NONE);
    }

    /** @param port TCP port, 10809 by IANA; 0 picks a free one (tests) */
    public NbdService(int port, NbdExports exports) {
        this.port = port;
        this.exports = exports;
    }

    @Override
    public String name() {
        return "NBD";
    }

    public NbdCounters counters() {
        return counters;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("nbd", Transport.TCP, port, () -> new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                NbdFrameDecoder decoder = new NbdFrameDecoder();
                ch.pipeline().addLast(decoder).addLast(new NbdHandler(decoder, exports, blockIo, counters));
            }
        }));
    }

}
