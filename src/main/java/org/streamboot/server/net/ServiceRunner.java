package org.streamboot.server.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one service's sockets and keeps its status. A service is all or nothing: if one of
 * its sockets cannot be bound, the others are closed again and the service is FAILED with the
 * reason, while the rest of the server goes on.
 */
public final class ServiceRunner {

    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

    private final NetService service;
    private final List<Channel> channels = new ArrayList<>();
    private volatile ServiceStatus status;
    private volatile String warning = "";

    public ServiceRunner(NetService service) {
        this.service = service;
        this.status = ServiceStatus.of(service.name(), ServiceState.STOPPED);
    }

    /** A placeholder for a service that is built when the server starts. */
    public static ServiceRunner notYetStarted(String name) {
        return new ServiceRunner(new NetService() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Endpoint> endpoints() {
                return List.of();
            }
        });
    }

    public NetService service() {
        return service;
    }

    public ServiceStatus status() {
        return status;
    }

    public synchronized ServiceStatus start(EventLoops loops, InetAddress address) {
        status = ServiceStatus.of(service.name(), ServiceState.STARTING);
        List<String> bound = new ArrayList<>();
        for (Endpoint endpoint : service.endpoints()) {
            ChannelFuture future = bind(loops, address, endpoint).awaitUninterruptibly();
            if (!future.isSuccess()) {
                String problem = BindFailure.explain(address, endpoint.port(), endpoint.transport(), future.cause());
                closeChannels();
                status = new ServiceStatus(service.name(), ServiceState.FAILED, "", problem);
                log.error("{} not started: {}", service.name(), problem);
                return status;
            }
            channels.add(future.channel());
            InetSocketAddress local = (InetSocketAddress) future.channel().localAddress();
            bound.add(local.getAddress().getHostAddress() + ":" + local.getPort() + "/" + endpoint.transport().suffix());
        }
        status = new ServiceStatus(service.name(), ServiceState.RUNNING, String.join(", ", bound), warning);
        log.info("{} listening on {}", service.name(), status.address());
        if (!warning.isEmpty()) {
            log.warn("{}: {}", service.name(), warning);
        }
        return status;
    }

    /** The port actually bound for an endpoint (useful when it was configured as 0). */
    public synchronized int boundPort(int endpointIndex) {
        return ((InetSocketAddress) channels.get(endpointIndex).localAddress()).getPort();
    }

    private static ChannelFuture bind(EventLoops loops, InetAddress address, Endpoint endpoint) {
        InetSocketAddress at = new InetSocketAddress(address, endpoint.port());
        return switch (endpoint.transport()) {
            case UDP -> new Bootstrap()
                    .group(loops.group())
                    .channel(NioDatagramChannel.class)
                    // DHCP answers by broadcast (RFC 2131 4.1) and must hear broadcasts.
                    .option(ChannelOption.SO_BROADCAST, true)
                    .option(ChannelOption.SO_RCVBUF, 1 << 20)
                    .handler(endpoint.initializer().get())
                    .bind(at);
            case TCP -> new ServerBootstrap()
                    .group(loops.group())
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(endpoint.initializer().get())
                    .bind(at);
        };
    }

    public synchronized void stop() {
        if (status.state() == ServiceState.DISABLED || status.state() == ServiceState.FAILED && channels.isEmpty()) {
            return;
        }
        closeChannels();
        service.stopped();
        status = ServiceStatus.of(service.name(), ServiceState.STOPPED);
    }

    /** Runs, but with something the admin should fix (shown beside the running state). */
    public void warn(String problem) {
        this.warning = problem == null ? "" : problem;
    }

    /** Could not even be set up (e.g. contradictory settings); the reason is shown to the admin. */
    public synchronized void fail(String problem) {
        status = new ServiceStatus(service.name(), ServiceState.FAILED, "", problem);
        log.error("{} not started: {}", service.name(), problem);
    }

    public synchronized void disable(String why) {
        status = new ServiceStatus(service.name(), ServiceState.DISABLED, "", why);
        log.info("{} disabled: {}", service.name(), why);
    }

    private void closeChannels() {
        for (Channel ch : channels) {
            ch.close().awaitUninterruptibly();
        }
        channels.clear();
    }
}
