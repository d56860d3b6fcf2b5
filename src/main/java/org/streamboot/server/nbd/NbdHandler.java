package org.streamboot.server.nbd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.block.BlockDevice;

/**
 * Joins the decoder, the {@link NbdSession} state machine and the block device for one
 * connection. Everything that may block (opening exports, listing them, block I/O, closing the
 * device) runs on {@code blockIo}; results come back to the event loop, which alone touches
 * the session. Requests run concurrently and are answered in completion order: each reply
 * carries its request's cookie, as the transmission phase allows.
 *
 * <p>A read whose bytes are all in RAM (the shared read cache, untouched overlay blocks) is
 * answered on the event loop at once: handing it to another thread and back would cost more
 * than the copy. Replies are written without flushing and flushed once per batch (one task
 * per event-loop turn), and finished requests come back from {@code blockIo} through one
 * queue drained by one task, so a deep queue of small reads costs few syscalls and wake-ups.
 */
final class NbdHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(NbdHandler.class);
    /** Requests a connection may have in flight before the server stops reading its socket. */
    static final int MAX_IN_FLIGHT = 64;

    private final NbdFrameDecoder decoder;
    private final NbdExports exports;
    private final Executor blockIo;
    private final NbdCounters counters;
    private final NbdCommands commands;
    private final NbdSession session = new NbdSession();
    private final Queue<ByteBuf> finished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private ChannelHandlerContext ctx;
    private boolean deviceClosed;
    private boolean flushScheduled;

    NbdHandler(NbdFrameDecoder decoder, NbdExports exports, Executor blockIo, NbdCounters counters) {
        this.decoder = decoder;
        this.exports = exports;
        this.blockIo = blockIo;
        this.counters = counters;
        this.commands = new NbdCommands(counters);
    }

    NbdSession.State state() {
        return session.state();
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        this.ctx = context;
        counters.connected();
        context.writeAndFlush(NbdReplies.greeting(context.alloc()));
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof NbdInbound inbound)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (session.state() == NbdSession.State.CLOSED) {
            if (inbound instanceof NbdInbound.Request r) {
                r.release();
            }
            return;
        }
        switch (inbound) {
            case NbdInbound.ClientFlags flags -> act(session.clientFlags(flags.flags()));
            case NbdInbound.OptionRequest option -> act(session.option(option));
            case NbdInbound.Request request -> request(request);
            case NbdInbound.Violation violation -> {
                counters.violation();
                log.info("NBD client {} broke the protocol: {}", remote(), violation.reason());
                closeAfterWrites();
            }
        }
    }

    // ---- negotiation -------------------------------------------------------------------------

    private void act(NbdSession.Step step) {
        switch (step) {
            case NbdSession.Reply reply -> {
                sendOptionReplies(reply.replies());
                if (reply.closeAfter() != null) {
                    closeQuietly(reply.closeAfter());
                }
                decoder.resume(ctx, false);
            }
            case NbdSession.Open open -> offload(() -> openExport(open), outcome -> {
                if (!ctx.channel().isActive()) {
                    if (outcome instanceof NbdExports.Opened ok) {
                        closeQuietly(ok.device());
                    }
                    return;
                }
                act(session.opened(open, outcome));
            });
            case NbdSession.ListExports list -> offload(this::exportNames, names -> act(session.listed(names)));
            case NbdSession.Transmit go -> {
                if (go.exportNameReply()) {
                    ctx.writeAndFlush(NbdReplies.exportName(ctx.alloc(), go.export().size(), go.export().flags(), session.noZeroes()));
                } else {
                    sendOptionReplies(go.replies());
                }
                log.info("NBD client {} uses export '{}' ({} bytes{})", remote(), go.export().name(), go.export().size(),
                        go.export().readOnly() ? ", read-only" : "");
                decoder.resume(ctx, true);
            }
            case NbdSession.Close close -> {
                sendOptionReplies(close.replies());
                log.info("NBD client {} closed during negotiation: {}", remote(), close.reason());
                closeAfterWrites();
            }
        }
    }

    private NbdExports.Outcome openExport(NbdSession.Open open) {
        try {
            return exports.open(open.name(), remote());
        } catch (IOException | RuntimeException e) {
            log.warn("NBD export '{}' for {} could not be opened: {}", open.name(), remote(), e.toString());
            return new NbdExports.Unknown("export cannot be opened: " + e.getMessage());
        }
    }

    private List<String> exportNames() {
        try {
            return exports.names();
        } catch (RuntimeException e) {
            log.warn("NBD export list for {} failed: {}", remote(), e.toString());
            return List.of();
        }
    }

    private void sendOptionReplies(List<OptionReply> replies) {
        if (replies.isEmpty()) {
            return;
        }
        replies.stream().filter(OptionReply::isError).forEach(r -> counters.refusedOption());
        ctx.writeAndFlush(NbdReplies.options(ctx.alloc(), replies));
    }

    // ---- transmission ------------------------------------------------------------------------

    private void request(NbdInbound.Request request) {
        if (request.type() == NbdProtocol.CMD_DISC) {
            if (session.disconnect()) {
                closeAfterWrites();
            }
            return;
        }
        if (session.state() != NbdSession.State.TRANSMISSION) {
            request.release();
            return;
        }
        int errno = session.check(request);
        if (errno != 0) {
            request.release();
            counters.failed();
            ctx.writeAndFlush(NbdCommands.error(ctx.alloc(), request.cookie(), errno,
                    "request refused (type " + request.type() + ", offset " + request.offset() + ", length "
                            + request.length() + ")", session.structuredReplies()));
            return;
        }
        NbdSession.Export export = session.export();
        boolean structured = session.structuredReplies();
        if (request.type() == NbdProtocol.CMD_READ) {
            ByteBuf reply = commands.readFromMemory(request, export, structured, ctx.alloc());
            if (reply != null) {
                request.release();
                writeSoon(reply);
                return;
            }
        }
        session.requestStarted();
        updateAutoRead();
        try {
            blockIo.execute(() -> {
                ByteBuf reply;
                try {
                    reply = commands.execute(request, export, structured, ctx.alloc());
                } finally {
                    request.release();
                }
                finished.add(reply);
                if (drainScheduled.compareAndSet(false, true)) {
                    ctx.executor().execute(this::drainFinished);
                }
            });
        } catch (RejectedExecutionException e) {
            request.release();
            log.info("NBD service is stopping; closing connection from {}", remote());
            ctx.close();
        }
    }

    /** On the event loop: answers every request the executor finished since the last drain. */
    private void drainFinished() {
        // Cleared before polling: a reply queued after the last poll schedules a new drain.
        drainScheduled.set(false);
        boolean close = false;
        boolean active = ctx.channel().isActive();
        for (ByteBuf reply; (reply = finished.poll()) != null; ) {
            close |= session.requestFinished();
            if (active) {
                ctx.write(reply);
            } else {
                reply.release();
            }
        }
        if (active) {
            ctx.flush();
        }
        updateAutoRead();
        if (close) {
            closeAfterWrites();
        }
        closeDeviceIfIdle();
    }

    /** Writes now and flushes once the event loop has handled everything read so far. */
    private void writeSoon(ByteBuf reply) {
        ctx.write(reply);
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(() -> {
                flushScheduled = false;
                ctx.flush();
            });
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        updateAutoRead();
        context.fireChannelWritabilityChanged();
    }

    /** Back-pressure: stop reading while too much is in flight or the socket is full. */
    private void updateAutoRead() {
        ctx.channel().config().setAutoRead(session.inFlight() < MAX_IN_FLIGHT && ctx.channel().isWritable());
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        closeDeviceIfIdle();
        context.fireChannelInactive();
    }

    private void closeDeviceIfIdle() {
        NbdSession.Export export = session.export();
        if (export != null && !deviceClosed && session.inFlight() == 0 && !ctx.channel().isActive()) {
            deviceClosed = true;
            closeQuietly(export.device());
        }
    }

    private void closeQuietly(BlockDevice device) {
        try {
            blockIo.execute(() -> {
                try {
                    device.close();
                } catch (IOException | RuntimeException e) {
                    log.warn("closing NBD export device {} failed: {}", device, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("NBD executor stopped; device {} left to the service to close", device);
        }
    }

    private void closeAfterWrites() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Runs {@code work} on the block executor and hands its result to {@code then} on the event loop. */
    private <T> void offload(Supplier<T> work, Consumer<T> then) {
        try {
            blockIo.execute(() -> {
                T result = work.get();
                ctx.executor().execute(() -> then.accept(result));
            });
        } catch (RejectedExecutionException e) {
            log.info("NBD service is stopping; closing connection from {}", remote());
            ctx.close();
        }
    }

    private InetSocketAddress remote() {
        // Not an InetSocketAddress only in EmbeddedChannel tests.
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : InetSocketAddress.createUnresolved("unknown", 0);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("NBD connection from {} failed: {}", context.channel().remoteAddress(), cause.toString());
        } else {
            counters.unexpected();
            log.warn("NBD connection from {} closed after an unexpected error", context.channel().remoteAddress(), cause);
        }
        context.close();
    }
}
