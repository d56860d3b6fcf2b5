package org.streamboot.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.block.MemoryView;
import org.streamboot.server.net.MemoryViewBuf;

/**
 * {@code GET}/{@code HEAD} of a {@link RangeSource} with single byte ranges (RFC 9110 section
 * 14): the one piece behind boot files and HTTP sanboot disks. Subclasses say which paths are
 * theirs and open the source; paths that are not pass on.
 *
 * <p>Sources are opened, read and closed on {@code io}, never on the event loop. A plain file
 * goes out as a {@link DefaultFileRegion}, which the transport hands to the kernel
 * ({@code sendfile}); any other source is streamed one chunk at a time, the next chunk read only
 * once the socket has taken the previous one, so a whole-disk GET never holds more than one
 * chunk in memory. A chunk already in a vDisk's read cache goes out as a view of it, not a
 * copy. The socket is not read while a response is going out, so pipelined
 * requests wait their turn.
 */
abstract class RangeRequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RangeRequestHandler.class);

    /** What the response needs from the request, kept so the request can be released at once. */
    record Ask(String name, boolean head, boolean keepAlive, HttpVersion version, String range, InetSocketAddress client) {
    }

    /** One answer that carries (part of) the source: {@code length} is 0 for HEAD. */
    record Delivery(long first, long length, long size, boolean head) {
    }

    /** Why a request gets no body: its status and what the log and the listener are told. */
    static final class Refusal extends Exception {
        final HttpResponseStatus status;

        Refusal(HttpResponseStatus status, String why) {
            super(why, null, false, false);
            this.status = status;
        }
    }

    private final Executor io;
    private final int chunk;

    RangeRequestHandler(Executor io, int chunk) {
        this.io = io;
        this.chunk = chunk;
    }

    /** The name this handler serves at {@code path}, or null to pass the request on. */
    abstract String nameAt(String path);

    /** On {@code io}: the source to serve, or a refusal. */
    abstract RangeSource open(Ask ask) throws Refusal, IOException;

    /** What kind of thing is served, for log lines ("disk", "file"). */
    abstract String what();

    void sent(Ask ask, Delivery d) {
    }

    void cutShort(Ask ask, Delivery d, String why) {
    }

    void refused(Ask ask, HttpResponseStatus status, String why) {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !request.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        // The decoder turns %2e%2e and %00 into ".." and NUL: a jail sees what the client meant.
        String name = head || request.method().equals(HttpMethod.GET) ? nameAt(new QueryStringDecoder(request.uri()).path()) : null;
        if (name == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        Ask ask = new Ask(name, head, HttpUtil.isKeepAlive(request), request.protocolVersion(),
                request.headers().get(HttpHeaderNames.RANGE),
                ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : null);
        request.release();
        ctx.channel().config().setAutoRead(false);
        io.execute(() -> answer(ctx, ask));
    }

    /** On io: open the source, then reply with an error, headers only, or the body. */
    private void answer(ChannelHandlerContext ctx, Ask ask) {
        RangeSource source;
        try {
            source = open(ask);
        } catch (Refusal r) {
            refuse(ctx, ask, r.status, r.getMessage(), -1);
            return;
        } catch (IOException | RuntimeException e) {
            log.warn("HTTP {} '{}' for {} cannot be opened", what(), ask.name(), ask.client(), e);
            refuse(ctx, ask, HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot be opened: " + e, -1);
            return;
        }
        long size = source.size();
        ByteRangeRequest range = ask.head() ? new ByteRangeRequest.Whole() : ByteRangeRequest.parse(ask.range(), size);
        switch (range) {
            case ByteRangeRequest.Unsatisfiable u -> {
                closeQuietly(source);
                refuse(ctx, ask, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                        "range '" + ask.range() + "' lies outside the " + size + " bytes", size);
            }
            case ByteRangeRequest.Part part -> send(ctx, ask, source, new Delivery(part.first(), part.length(), size, false),
                    "bytes " + part.first() + "-" + part.last() + "/" + size);
            case ByteRangeRequest.Whole whole -> send(ctx, ask, source, new Delivery(0, ask.head() ? 0 : size, size, ask.head()),
                    null);
        }
    }

    private void send(ChannelHandlerContext ctx, Ask ask, RangeSource source, Delivery d, String contentRange) {
        HttpResponse response = new DefaultHttpResponse(ask.version(), contentRange == null ? HttpResponseStatus.OK
                : HttpResponseStatus.PARTIAL_CONTENT);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
                .set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES)
                .set(HttpHeaderNames.CONTENT_LENGTH, d.head() ? d.size() : d.length());
        if (contentRange != null) {
            response.headers().set(HttpHeaderNames.CONTENT_RANGE, contentRange);
        }
        HttpUtil.setKeepAlive(response, ask.keepAlive());
        Optional<FileChannel> plain = source.fileChannel();
        if (d.length() == 0) {
            ctx.write(response);
            end(ctx, ask, source, d);
        } else if (plain.isPresent()) {
            ctx.write(response);
            // Released by the transport once sent, the region closes the channel; closing the
            // source afterwards is harmless (FileChannel.close is idempotent).
            ctx.writeAndFlush(new DefaultFileRegion(plain.get(), d.first(), d.length())).addListener(f -> {
                if (f.isSuccess()) {
                    end(ctx, ask, source, d);
                } else {
                    abort(ctx, ask, source, d, "client went away: " + f.cause());
                }
            });
        } else {
            ctx.writeAndFlush(response).addListener(f -> next(ctx, ask, source, d, d.first(), d.length(), f));
        }
    }

    /** Reads and sends the next chunk once the previous write completed. */
    private void next(ChannelHandlerContext ctx, Ask ask, RangeSource source, Delivery d, long offset, long left,
                      Future<?> previous) {
        if (!previous.isSuccess()) {
            abort(ctx, ask, source, d, "client went away: " + previous.cause());
            return;
        }
        if (left == 0) {
            end(ctx, ask, source, d);
            return;
        }
        io.execute(() -> {
            int n = (int) Math.min(chunk, left);
            ByteBuf buf = null;
            try {
                MemoryView view = n < MemoryViewBuf.WORTH_LENDING ? null : source.view(offset, n);
                if (view != null) {
                    buf = MemoryViewBuf.of(ctx.alloc(), view);
                } else {
                    buf = ctx.alloc().directBuffer(n);
                    source.readFully(offset, buf.nioBuffer(0, n));
                    buf.writerIndex(n);
                }
            } catch (IOException | RuntimeException e) {
                if (buf != null) {
                    buf.release();
                }
                // The status line is gone already: all that is left is to cut the body short.
                abort(ctx, ask, source, d, "read at " + offset + " failed: " + e.getMessage());
                return;
            }
            ctx.writeAndFlush(new DefaultHttpContent(buf)).addListener(f -> next(ctx, ask, source, d, offset + n, left - n, f));
        });
    }

    private void end(ChannelHandlerContext ctx, Ask ask, RangeSource source, Delivery d) {
        ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        done.addListener(f -> {
            io.execute(() -> closeQuietly(source));
            if (f.isSuccess()) {
                sent(ask, d);
            } else {
                cutShort(ask, d, "client went away: " + f.cause());
            }
        });
        resumeOrClose(ctx, ask, done);
    }

    private void abort(ChannelHandlerContext ctx, Ask ask, RangeSource source, Delivery d, String why) {
        log.info("HTTP {} '{}' to {} cut short: {}", what(), ask.name(), ask.client(), why);
        io.execute(() -> closeQuietly(source));
        cutShort(ask, d, why);
        ctx.close();
    }

    /** A small text answer: the status's reason phrase, and for 416 the size (RFC 9110 15.5.17). */
    private void refuse(ChannelHandlerContext ctx, Ask ask, HttpResponseStatus status, String why, long size) {
        log.info("HTTP {} '{}' for {}: {} ({})", what(), ask.name(), ask.client(), status.code(), why);
        refused(ask, status, why);
        byte[] body = (status.reasonPhrase() + "\n").getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(ask.version(), status,
                ask.head() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (size >= 0) {
            response.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
        }
        HttpUtil.setKeepAlive(response, ask.keepAlive());
        resumeOrClose(ctx, ask, ctx.writeAndFlush(response));
    }

    private static void resumeOrClose(ChannelHandlerContext ctx, Ask ask, ChannelFuture done) {
        if (ask.keepAlive()) {
            done.addListener(f -> ctx.channel().config().setAutoRead(true));
        } else {
            done.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void closeQuietly(RangeSource source) {
        try {
            source.close();
        } catch (IOException | RuntimeException e) {
            log.warn("closing a served {} failed: {}", what(), e.toString());
        }
    }
}
