package org.streamboot.server.iscsi;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.streamboot.server.net.Endpoint;
import org.streamboot.server.net.NetService;
import org.streamboot.server.net.Transport;

/**
 * The iSCSI target (RFC 7143) that serves vDisks to iPXE, Windows and Linux initiators: one
 * TCP port, any number of targets and sessions, each session bound to its initiator's own
 * {@link org.streamboot.server.scsi.ScsiTarget} through the {@link TargetDirectory}.
 */
public final class IscsiService implements NetService {

    private final int port;
    private final TargetDirectory directory;
    private final TargetLimits limits;
    private final Executor executor;
    private final IscsiSessions sessions = new IscsiSessions();
    private final ChannelGroup connections = new DefaultChannelGroup("iscsi", GlobalEventExecutor.INSTANCE);

    /** A target with no targets: every normal login is refused with 0x0203 until a directory is given. */
    public IscsiService(int port) {
        this(port, TargetDirectory.EMPTY);
    }

    public IscsiService(int port, TargetDirectory directory) {
        this(port, directory, TargetLimits.DEFAULTS);
    }

    public IscsiService(int port, TargetDirectory directory, TargetLimits limits) {
        this(port, directory, limits, Executors.newVirtualThreadPerTaskExecutor());
    }

    /** @param executor runs directory look-ups and SCSI commands; must not be an event loop */
    public IscsiService(int port, TargetDirectory directory, TargetLimits limits, Executor executor) {
        this.executor = executor;
        this.port = port;
        this.directory = directory;
        this.limits = limits;
    }

    @Override
    public String name() {
        return "iSCSI";
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("iscsi", Transport.TCP, port, () -> new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                connections.add(ch);
                initConnection(ch);
            }
        }));
    }

    /** Sets up one accepted connection's pipeline; tests call it on an EmbeddedChannel. */
    public void initConnection(Channel ch) {
        IscsiFrameDecoder decoder = new IscsiFrameDecoder();
        IscsiFrameEncoder encoder = new IscsiFrameEncoder();
        ch.pipeline().addLast("frames", decoder).addLast("encoder", encoder);
        if (limits.nopInterval() > 0) {
            ch.pipeline().addLast("idle", new IdleStateHandler(limits.nopInterval(), 0, 0, TimeUnit.SECONDS));
        }
        ch.pipeline().addLast("iscsi", new IscsiConnectionHandler(decoder, encoder, directory, limits, sessions, executor));
    }

    /** Every logged-in session, for the live view. */
    public List<IscsiSessionSnapshot> sessions() {
        return sessions.snapshot();
    }

    @Override
    public void stopped() {
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
