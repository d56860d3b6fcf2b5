package org.streamboot.server.tftp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.files.FileSource;
import org.streamboot.server.files.IpxeBinaries;
import org.streamboot.server.net.Endpoint;
import org.streamboot.server.net.NetService;
import org.streamboot.server.net.Transport;

/**
 * Read-only TFTP (RFC 1350 with options: RFC 2347 negotiation, 2348 blksize, 2349 timeout and
 * tsize, 7440 windowsize): hands firmware the iPXE binary. Requests arrive on the configured
 * port; each transfer runs on an ephemeral port of its own on the shared event loops.
 */
public final class TftpService implements NetService {

    private static final Logger log = LoggerFactory.getLogger(TftpService.class);

    private final int port;
    private final TftpRuntime runtime;

    public TftpService(int port, FileSource files, TftpTransferListener listener) {
        this(port, files, listener, TftpSettings.DEFAULTS);
    }

    public TftpService(int port, FileSource files, TftpTransferListener listener, TftpSettings settings) {
        this(port, files, listener, settings,
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tftp-disk-", 0).factory()));
    }

    /** @param diskExecutor runs file opens and reads, never on an event loop */
    public TftpService(int port, FileSource files, TftpTransferListener listener, TftpSettings settings,
                       Executor diskExecutor) {
        this.port = port;
        this.runtime = new TftpRuntime(files, listener, settings, diskExecutor);
    }

    /** Serves the iPXE binaries from the standard locations (see {@link IpxeBinaries}). */
    public TftpService(int port) {
        this(port, standardIpxe(), TftpTransferListener.NOP);
    }

    private static FileSource standardIpxe() {
        try {
            return IpxeBinaries.fileSource(Optional.empty());
        } catch (IpxeBinaries.Missing e) {
            log.warn("TFTP has nothing to serve: {}", e.getMessage());
            return FileSource.empty(e.getMessage());
        }
    }

    @Override
    public String name() {
        return "TFTP";
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("tftp", Transport.UDP, port, () -> new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new TftpRequestHandler(runtime));
            }
        }));
    }

    @Override
    public void stopped() {
        runtime.closeAll();
    }

    /** Transfers running now (for the console and tests). */
    public int activeTransfers() {
        return runtime.activeTransfers();
    }

    /** Datagrams that did not decode, on the request port and on transfer ports. */
    public long malformedPackets() {
        return runtime.malformed.get();
    }

    /** Requests answered with an ERROR instead of a transfer. */
    public long refusedRequests() {
        return runtime.refused.get();
    }
}
