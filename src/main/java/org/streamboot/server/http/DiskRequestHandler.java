package org.streamboot.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.block.BlockDevice;

/**
 * Serves {@code GET}/{@code HEAD /vdisk/{name}} from a {@link BlockDevice} for iPXE's HTTP
 * sanboot, which sends HEAD first for the size and then one {@code Range: bytes=a-b} GET per
 * read (the first being LBA 0 and the ISO9660 probe at 32768). Other paths pass on to the
 * text routes.
 *
 * <p>Bodies are streamed one chunk at a time: a chunk is read on {@code blockIo}, written, and
 * only when the socket has taken it is the next one read, so a whole-disk GET never holds more
 * than one chunk in memory and never blocks the event loop. The socket is not read while a
 * disk response is going out, so pipelined requests wait their turn.
 */
final class DiskRequestHandler extends ChannelInboundHandlerAdapter {

    static final String PREFIX = "/vdisk/";
    static final int CHUNK = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(DiskRequestHandler.class);

    private final BlockExports disks;
    private final Executor blockIo;

    DiskRequestHandler(BlockExports disks, Executor blockIo) {
        this.disks = disks;
        this.blockIo = blockIo;
    }

    /** What the response needs from the request, kept so the request can be released at once. */
    private record Ask(String name, boolean head, boolean keepAlive, HttpVersion version, String range,
                       InetSocketAddress client) {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !request.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (!path.startsWith(PREFIX) || !(head || request.method().equals(HttpMethod.GET))) {
            ctx.fireChannelRead(msg);
            return;
        }
        Ask ask = new Ask(path.substring(PREFIX.length()), head, HttpUtil.isKeepAlive(request), request.protocolVersion(),
                request.headers().get(HttpHeaderNames.RANGE),
                ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : null);
        request.release();
        ctx.channel().config().setAutoRead(false);
        blockIo.execute(() -> answer(ctx, ask));
    }

    /** On blockIo: open the disk, then reply with headers only, an error, or a streamed body. */
    private void answer(ChannelHandlerContext ctx, Ask ask) {
        BlockDevice device;
        try {
            Optional<BlockDevice> found = ask.name().isEmpty() ? Optional.empty() : disks.open(ask.name(), ask.client());
            if (found.isEmpty()) {
                finish(ctx, ask, text(ask, HttpResponseStatus.NOT_FOUND, "no disk named '" + ask.name() + "'\n"), null);
                return;
            }
            device = found.get();
        } catch (IOException | RuntimeException e) {
            log.warn("HTTP disk '{}' for {} cannot be opened: {}", ask.name(), ask.client(), e.toString());
            finish(ctx, ask, text(ask, HttpResponseStatus.INTERNAL_SERVER_ERROR, "disk cannot be opened\n"), null);
            return;
        }
        long size = device.size();
        ByteRangeRequest range = ask.head() ? new ByteRangeRequest.Whole() : ByteRangeRequest.parse(ask.range(), size);
        switch (range) {
            case ByteRangeRequest.Unsatisfiable u -> {
                // RFC 9110 15.5.17: a 416 names the current length as "bytes */length".
                DefaultFullHttpResponse r = text(ask, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range not satisfiable\n");
                r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
                finish(ctx, ask, r, device);
            }
            case ByteRangeRequest.Part part -> stream(ctx, ask, device, HttpResponseStatus.PARTIAL_CONTENT, part.first(),
                    part.length(), "bytes " + part.first() + "-" + part.last() + "/" + size);
            case ByteRangeRequest.Whole whole -> {
                if (ask.head()) {
                    HttpResponse response = headers(ask, HttpResponseStatus.OK, size);
                    ctx.write(response);
                    end(ctx, ask, device);
                } else {
                    stream(ctx, ask, device, HttpResponseStatus.OK, 0, size, null);
                }
            }
        }
    }

    private HttpResponse headers(Ask ask, HttpResponseStatus status, long length) {
        HttpResponse response = new DefaultHttpResponse(ask.version(), status);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
                .set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES)
                .set(HttpHeaderNames.CONTENT_LENGTH, length);
        HttpUtil.setKeepAlive(response, ask.keepAlive());
        return response;
    }

    private void stream(ChannelHandlerContext ctx, Ask ask, BlockDevice device, HttpResponseStatus status, long offset,
                        long length, String contentRange) {
        HttpResponse response = headers(ask, status, length);
        if (contentRange != null) {
            response.headers().set(HttpHeaderNames.CONTENT_RANGE, contentRange);
        }
        ctx.writeAndFlush(response).addListener(f -> next(ctx, ask, device, offset, length, f));
    }

    /** Reads and sends the next chunk once the previous write completed. */
    private void next(ChannelHandlerContext ctx, Ask ask, BlockDevice device, long offset, long left,
                      Future<?> previous) {
        if (!previous.isSuccess()) {
            abort(ctx, ask, device, "client went away: " + previous.cause());
            return;
        }
        if (left == 0) {
            end(ctx, ask, device);
            return;
        }
        blockIo.execute(() -> {
            int n = (int) Math.min(CHUNK, left);
            ByteBuf chunk = ctx.alloc().directBuffer(n);
            try {
                device.read(offset, chunk.nioBuffer(0, n));
                chunk.writerIndex(n);
            } catch (IOException | RuntimeException e) {
                chunk.release();
                // The status line is gone already: all that is left is to cut the body short.
                abort(ctx, ask, device, "read at " + offset + " failed: " + e);
                return;
            }
            ctx.writeAndFlush(new DefaultHttpContent(chunk)).addListener(f -> next(ctx, ask, device, offset + n, left - n, f));
        });
    }

    private void end(ChannelHandlerContext ctx, Ask ask, BlockDevice device) {
        ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        after(ctx, ask, done, device);
    }

    private void abort(ChannelHandlerContext ctx, Ask ask, BlockDevice device, String why) {
        log.info("HTTP disk '{}' to {} cut short: {}", ask.name(), ask.client(), why);
        closeQuietly(device);
        ctx.close();
    }

    private void finish(ChannelHandlerContext ctx, Ask ask, DefaultFullHttpResponse reply, BlockDevice device) {
        after(ctx, ask, ctx.writeAndFlush(reply), device);
    }

    private void after(ChannelHandlerContext ctx, Ask ask, ChannelFuture done, BlockDevice device) {
        if (device != null) {
            blockIo.execute(() -> closeQuietly(device));
        }
        if (ask.keepAlive()) {
            done.addListener(f -> ctx.channel().config().setAutoRead(true));
        } else {
            done.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void closeQuietly(BlockDevice device) {
        try {
            device.close();
        } catch (IOException | RuntimeException e) {
            log.warn("closing disk {} failed: {}", device, e.toString());
        }
    }

    /** A small text response, as the text routes send it. */
    private static DefaultFullHttpResponse text(Ask ask, HttpResponseStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(ask.version(), status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        HttpUtil.setKeepAlive(response, ask.keepAlive());
        return response;
    }
}
