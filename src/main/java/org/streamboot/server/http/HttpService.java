package org.streamboot.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.streamboot.server.net.Endpoint;
import org.streamboot.server.net.NetService;
import org.streamboot.server.net.Transport;

/** The HTTP service: boot scripts, HTTP boot files, disks for HTTP sanboot and the health check. */
public final class HttpService implements NetService {

    /** Requests are small GETs/HEADs; anything with a body larger than this is refused. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private final int port;
    private final HttpRoutes routes;
    private final BlockExports disks;
    private final StaticFiles files;
    // Virtual threads hold nothing while idle: the executor lives as long as the service.
    private final ExecutorService blockIo = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("http-disk-", 0).factory());

    public HttpService(int port, HttpRoutes routes) {
        this(port, routes, null);
    }

    /**
     * @param disks served read-only at {@code /vdisk/{name}} with HEAD and byte ranges (iPXE
     *              HTTP sanboot); null serves no disks
     */
    public HttpService(int port, HttpRoutes routes, BlockExports disks) {
        this(port, routes, disks, null);
    }

    /**
     * @param files boot files served at {@code /files/NAME} (and their top-level names) with
     *              HEAD and byte ranges, for UEFI HTTP boot and scripts; null serves none
     */
    public HttpService(int port, HttpRoutes routes, BlockExports disks, StaticFiles files) {
        this.port = port;
        this.routes = routes;
        this.disks = disks;
        this.files = files;
    }

    @Override
    public String name() {
        return "HTTP";
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("http", Transport.TCP, port, () -> new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline()
                        .addLast(new HttpServerCodec(8192, 16 * 1024, 8192))
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES));
                if (disks != null) {
                    ch.pipeline().addLast(new DiskRequestHandler(disks, blockIo));
                }
                if (files != null) {
                    ch.pipeline().addLast(new FileRequestHandler(files, blockIo));
                }
                ch.pipeline().addLast(new HttpRequestHandler(routes));
            }
        }));
    }
}
