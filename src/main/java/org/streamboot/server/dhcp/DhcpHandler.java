package org.streamboot.server.dhcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a UDP socket to the {@link DhcpEngine}: decodes on the event loop (cheap and bounded),
 * runs the engine on an executor (the boot policy and lease store may touch disk), and writes
 * the reply from there. A bad datagram is counted and reported; the channel stays open.
 */
public final class DhcpHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger log = LoggerFactory.getLogger(DhcpHandler.class);

    private final DhcpEngine engine;
    private final Executor executor;
    private final DhcpCounters counters;
    private final DhcpEventListener listener;
    private final boolean pxePort;

    public DhcpHandler(DhcpEngine engine, Executor executor, DhcpCounters counters, DhcpEventListener listener,
                       boolean pxePort) {
        this.engine = engine;
        this.executor = executor;
        this.counters = counters;
        this.listener = listener;
        this.pxePort = pxePort;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
        counters.received();
        ByteBuf content = msg.content();
        InetSocketAddress sender = msg.sender();
        DhcpPacket packet;
        try {
            if (content.readableBytes() > DhcpCodec.MAX_PACKET) {
                throw new MalformedPacketException(MalformedPacketException.Reason.TOO_LONG,
                        "datagram of " + content.readableBytes() + " bytes");
            }
            packet = DhcpCodec.decode(content.nioBuffer());
        } catch (MalformedPacketException e) {
            counters.malformed(e.reason());
            log.debug("malformed DHCP datagram from {}: {}", sender, e.getMessage());
            listener.malformedPacket(sender, e);
            return;
        }
        Inet4Address local = localAddress(ctx.channel());
        Channel channel = ctx.channel();
        try {
            executor.execute(() -> process(channel, packet, sender, local));
        } catch (RejectedExecutionException e) {
            counters.ignored();
        }
    }

    private void process(Channel channel, DhcpPacket packet, InetSocketAddress sender, Inet4Address local) {
        Optional<Outgoing> out;
        try {
            out = engine.handle(packet, sender, local, pxePort);
        } catch (RuntimeException e) {
            counters.ignored();
            log.warn("DHCP request from {} failed: {}", sender, e.toString(), e);
            return;
        }
        out.ifPresent(o -> send(channel, o));
    }

    private void send(Channel channel, Outgoing o) {
        byte[] bytes = DhcpCodec.encode(o.packet());
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), o.destination()))
                .addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        counters.sent();
                    } else {
                        counters.sendFailed();
                        // ENETUNREACH for 255.255.255.255 means no route for broadcasts on this host
                        // (e.g. no default route): add "broadcast 255.255.255.255 dev IF table local".
                        log.warn("DHCP reply to {} not sent: {}", o.destination(), f.cause().toString());
                    }
                });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An ICMP error or a failed write must not close a UDP server socket.
        log.debug("DHCP socket error (ignored): {}", cause.toString());
    }

    private static Inet4Address localAddress(Channel ch) {
        if (ch.localAddress() instanceof InetSocketAddress a && a.getAddress() instanceof Inet4Address v4) {
            return v4;
        }
        return DhcpPacket.ZERO;
    }
}
