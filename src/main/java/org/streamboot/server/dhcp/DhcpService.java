package org.streamboot.server.dhcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.streamboot.server.boot.BootPolicy;
import org.streamboot.server.boot.FirmwareBootPolicy;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.net.Endpoint;
import org.streamboot.server.net.NetService;
import org.streamboot.server.net.Transport;

/**
 * DHCP and proxyDHCP. In proxy mode the PXE spec (section 2.2.3) has clients send their
 * boot-server request to UDP 4011, so that port is served as well; full mode needs only 67.
 * Lease-store and boot-policy calls run on virtual threads, never on the event loop.
 */
public final class DhcpService implements NetService {

    private final DhcpSettings settings;
    private final int dhcpPort;
    private final int pxePort;
    private final DhcpCounters counters = new DhcpCounters();
    private final DhcpEngine engine;
    private final DhcpEventListener listener;
    private volatile ExecutorService executor;

    public DhcpService(DhcpSettings settings, BootPolicy policy, LeaseStore leases, DhcpEventListener listener,
                       int dhcpPort, int pxePort) {
        this(settings, policy, leases, listener, dhcpPort, pxePort,
                ServerAddressSelector.forThisHost(settings.serverAddress()), Clock.systemUTC());
    }

    public DhcpService(DhcpSettings settings, BootPolicy policy, LeaseStore leases, DhcpEventListener listener,
                       int dhcpPort, int pxePort, ServerAddressSelector addresses, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.dhcpPort = dhcpPort;
        this.pxePort = pxePort;
        this.engine = new DhcpEngine(settings, policy, leases, listener, addresses, dhcpPort, clock, counters);
    }

    /**
     * The skeleton's constructor: proxy mode (or full mode without a range, which serves only
     * reserved leases from memory) with the firmware policy and HTTP on 8080.
     *
     * @deprecated pass settings, policy and lease store
     */
    @Deprecated
    public DhcpService(int dhcpPort, int pxePort, boolean proxy) {
        this(proxy ? DhcpSettings.proxy(8080) : new DhcpSettings(DhcpMode.FULL, java.util.Optional.empty(),
                        DhcpSettings.DEFAULT_MASK, java.util.Optional.empty(), List.of(), DhcpSettings.DEFAULT_LEASE,
                        java.util.Optional.empty(), 8080),
                new FirmwareBootPolicy(8080, FirmwareBootPolicy.UefiBinary.IPXE_EFI), new InMemoryLeaseStore(),
                DhcpEventListener.NOP, dhcpPort, pxePort);
    }

    @Override
    public String name() {
        return "DHCP";
    }

    public DhcpCounters counters() {
        return counters;
    }

    public DhcpSettings settings() {
        return settings;
    }

    @Override
    public List<Endpoint> endpoints() {
        if (settings.mode() == DhcpMode.OFF) {
            return List.of();
        }
        Endpoint dhcp = new Endpoint("dhcp", Transport.UDP, dhcpPort, () -> initializer(false));
        if (settings.mode() != DhcpMode.PROXY) {
            return List.of(dhcp);
        }
        return List.of(dhcp, new Endpoint("pxe boot server", Transport.UDP, pxePort, () -> initializer(true)));
    }

    private ChannelInitializer<Channel> initializer(boolean pxe) {
        ExecutorService ex = executor();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new DhcpHandler(engine, ex, counters, listener, pxe));
            }
        };
    }

    private synchronized ExecutorService executor() {
        if (executor == null || executor.isShutdown()) {
            executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dhcp-", 0).factory());
        }
        return executor;
    }

    @Override
    public synchronized void stopped() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
