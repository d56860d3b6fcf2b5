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
import org.streamboot.server.files.FileRefusal;
import org.streamboot.server.files.ReadableFile;
import org.streamboot.server.http.HttpFileListener.Download;

/**
 * Serves boot files ({@code GET}/{@code HEAD /files/NAME} and the top-level names UEFI HTTP
 * boot is sent to) from the same jailed {@link org.streamboot.server.files.FileSource} as TFTP,
 * with single byte ranges (RFC 9110 section 14). Other paths pass on.
 *
 * <p>Files are opened on {@code fileIo}, never on the event loop. A plain file goes out as a
 * {@link DefaultFileRegion}, which the transport hands to the kernel ({@code sendfile}); any
 * other source is streamed one chunk at a time, the next chunk read only once the socket has
 * taken the previous one. The socket is not read while a response is going out, so pipelined
 * requests wait their turn.
 */
final class FileRequestHandler extends ChannelInboundHandlerAdapter {

    static final int CHUNK = 128 * 1024;
    private static final Logger log = LoggerFactory.getLogger(FileRequestHandler.class);

    private final StaticFiles files;
    private final HttpFileListener listener;
    private final Executor fileIo;

    FileRequestHandler(StaticFiles files, Executor fileIo) {
        this.files = files;
        this.listener = new GuardedFileListener(files.listener());
        this.fileIo = fileIo;
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
        boolean head = request.method().equals(HttpMethod.HEAD);
        // The decoder turns %2e%2e and %00 into ".." and NUL: the jail sees what the client meant.
        String name = head || request.method().equals(HttpMethod.GET)
                ? files.fileNameOf(new QueryStringDecoder(request.uri()).path()) : null;
        if (name == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        Ask ask = new Ask(name, head, HttpUtil.isKeepAlive(request), request.protocolVersion(),
                request.headers().get(HttpHeaderNames.RANGE),
                ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : null);
        request.release();
        ctx.channel().config().setAutoRead(false);
        fileIo.execute(() -> answer(ctx, ask));
    }

    /** On fileIo: open the file, then reply with an error, headers only, or the body. */
    private void answer(ChannelHandlerContext ctx, Ask ask) {
        ReadableFile file;
        try {
            file = files.source().open(ask.name());
        } catch (FileRefusal refusal) {
            refuse(ctx, ask, statusOf(refusal.kind()), refusal.getMessage(), null);
            return;
        } catch (RuntimeException e) {
            log.warn("HTTP file '{}' for {} cannot be opened", ask.name(), ask.client(), e);
            refuse(ctx, ask, HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot be opened: " + e, null);
            return;
        }
        long size = file.size();
        ByteRangeRequest range = ask.head() ? new ByteRangeRequest.Whole() : ByteRangeRequest.parse(ask.range(), size);
        switch (range) {
            case ByteRangeRequest.Unsatisfiable u -> refuse(ctx, ask, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "range '" + ask.range() + "' lies outside the " + size + " bytes", file, size);
            case ByteRangeRequest.Part part -> send(ctx, ask, file, new Download(ask.client(), ask.name(), part.first(),
                    part.length(), size, false), "bytes " + part.first() + "-" + part.last() + "/" + size);
            case ByteRangeRequest.Whole whole -> send(ctx, ask, file,
                    new Download(ask.client(), ask.name(), 0, ask.head() ? 0 : size, size, ask.head()), null);
        }
    }

    /** RFC 9110 15.5.4/15.5.5: a name that tries to leave the jail is forbidden, a missing one not found. */
    private static HttpResponseStatus statusOf(FileRefusal.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case ACCESS_VIOLATION, UNREADABLE -> HttpResponseStatus.FORBIDDEN;
        };
    }

    private void send(ChannelHandlerContext ctx, Ask ask, ReadableFile file, Download d, String contentRange) {
        HttpResponse response = new DefaultHttpResponse(ask.version(), contentRange == null ? HttpResponseStatus.OK
                : HttpResponseStatus.PARTIAL_CONTENT);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
                .set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES)
                .set(HttpHeaderNames.CONTENT_LENGTH, ask.head() ? d.size() : d.length());
        if (contentRange != null) {
            response.headers().set(HttpHeaderNames.CONTENT_RANGE, contentRange);
        }
        HttpUtil.setKeepAlive(response, ask.keepAlive());
        Optional<FileChannel> plain = file.fileChannel();
        if (d.length() == 0) {
            ctx.write(response);
            end(ctx, ask, file, d);
        } else if (plain.isPresent()) {
            ctx.write(response);
            // Released by the transport once sent, the region closes the channel; closing the file
            // afterwards is harmless (FileChannel.close is idempotent).
            ctx.writeAndFlush(new DefaultFileRegion(plain.get(), d.first(), d.length()))
                    .addListener(f -> regionDone(ctx, ask, file, d, f));
        } else {
            ctx.writeAndFlush(response).addListener(f -> next(ctx, ask, file, d, d.first(), d.length(), f));
        }
    }

    private void regionDone(ChannelHandlerContext ctx, Ask ask, ReadableFile file, Download d, Future<?> written) {
        if (written.isSuccess()) {
            end(ctx, ask, file, d);
        } else {
            abort(ctx, file, d, "client went away: " + written.cause());
        }
    }

    /** Reads and sends the next chunk once the previous write completed (sources without a plain file). */
    private void next(ChannelHandlerContext ctx, Ask ask, ReadableFile file, Download d, long offset, long left,
                      Future<?> previous) {
        if (!previous.isSuccess()) {
            abort(ctx, file, d, "client went away: " + previous.cause());
            return;
        }
        if (left == 0) {
            end(ctx, ask, file, d);
            return;
        }
        fileIo.execute(() -> {
            int n = (int) Math.min(CHUNK, left);
            ByteBuf chunk = ctx.alloc().directBuffer(n);
            try {
                int got = file.read(offset, chunk.nioBuffer(0, n));
                if (got != n) {
                    throw new IOException("the file ended early (changed while being sent?)");
                }
                chunk.writerIndex(n);
            } catch (IOException | RuntimeException e) {
                chunk.release();
                // The status line is gone already: all that is left is to cut the body short.
                abort(ctx, file, d, "read at " + offset + " failed: " + e.getMessage());
                return;
            }
            ctx.writeAndFlush(new DefaultHttpContent(chunk)).addListener(f -> next(ctx, ask, file, d, offset + n, left - n, f));
        });
    }

    private void end(ChannelHandlerContext ctx, Ask ask, ReadableFile file, Download d) {
        ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        done.addListener(f -> {
            closeQuietly(file);
            if (f.isSuccess()) {
                listener.sent(d);
            } else {
                listener.failed(d, "client went away: " + f.cause());
            }
        });
        resumeOrClose(ctx, ask, done);
    }

    private void abort(ChannelHandlerContext ctx, ReadableFile file, Download d, String why) {
        log.info("HTTP file '{}' to {} cut short: {}", d.file(), d.client(), why);
        closeQuietly(file);
        listener.failed(d, why);
        ctx.close();
    }

    private void refuse(ChannelHandlerContext ctx, Ask ask, HttpResponseStatus status, String why, ReadableFile file) {
        refuse(ctx, ask, status, why, file, -1);
    }

    private void refuse(ChannelHandlerContext ctx, Ask ask, HttpResponseStatus status, String why, ReadableFile file,
                        long size) {
        log.info("HTTP file '{}' for {}: {} ({})", ask.name(), ask.client(), status.code(), why);
        listener.refused(ask.client(), ask.name(), status.code(), why);
        byte[] body = (status.reasonPhrase() + "\n").getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(ask.version(), status,
                ask.head() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (size >= 0) {
            // RFC 9110 15.5.17: a 416 names the current length as "bytes */length".
            response.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
        }
        HttpUtil.setKeepAlive(response, ask.keepAlive());
        if (file != null) {
            closeQuietly(file);
        }
        resumeOrClose(ctx, ask, ctx.writeAndFlush(response));
    }

    private static void resumeOrClose(ChannelHandlerContext ctx, Ask ask, ChannelFuture done) {
        if (ask.keepAlive()) {
            done.addListener(f -> ctx.channel().config().setAutoRead(true));
        } else {
            done.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void closeQuietly(ReadableFile file) {
        try {
            file.close();
        } catch (IOException | RuntimeException e) {
            log.warn("closing a served file failed: {}", e.toString());
        }
    }
}
