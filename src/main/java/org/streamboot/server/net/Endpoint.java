package org.streamboot.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.function.Supplier;

/**
 * One socket a service listens on. For UDP the initializer sets up the datagram channel
 * itself; for TCP it sets up each accepted connection.
 *
 * @param label short name used in logs ("dhcp", "pxe boot server")
 */
public record Endpoint(String label, Transport transport, int port, Supplier<ChannelInitializer<? extends Channel>> initializer) {
}
