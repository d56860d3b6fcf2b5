package org.streamboot.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a service's port for a protocol whose handler is not built yet: it keeps the socket
 * (so the admin sees the service and port conflicts surface now), counts what arrives, logs it
 * once and drops it; TCP connections are closed. Replaced protocol by protocol.
 */
public final class PendingProtocol extends ChannelInitializer<Channel> {

    private static final Logger log = LoggerFactory.getLogger(PendingProtocol.class);
    private final String protocol;
    private final AtomicLong received = new AtomicLong();

    public PendingProtocol(String protocol) {
        this.protocol = protocol;
    }

    public long received() {
        return received.get();
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                if (ctx.channel().parent() != null) {
                    note();
                    ctx.close();
                }
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                note();
            }
        });
    }

    private void note() {
        if (received.getAndIncrement() == 0) {
            log.warn("{} request received, but this build does not serve {} yet; ignored", protocol, protocol);
        }
    }
}
