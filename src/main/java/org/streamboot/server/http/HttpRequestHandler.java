package org.streamboot.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers GET and HEAD from {@link HttpRoutes}; other methods get 405, bad requests 400. */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);
    private final HttpRoutes routes;

    HttpRequestHandler(HttpRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            send(ctx, request, HttpRoutes.Reply.text(400, "bad request\n"), true);
            return;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (!head && !request.method().equals(HttpMethod.GET)) {
            send(ctx, request, HttpRoutes.Reply.text(405, "only GET and HEAD are served\n"), false);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        var question = new HttpRoutes.Request(path, (InetSocketAddress) ctx.channel().localAddress(),
                (InetSocketAddress) ctx.channel().remoteAddress());
        // The request is released when this method returns; keep what the reply needs.
        FullHttpRequest head0 = request.replace(Unpooled.EMPTY_BUFFER);
        routes.get(question).whenComplete((reply, failure) -> {
            try {
                if (failure != null) {
                    log.warn("HTTP {} from {} failed: {}", path, question.remote(), failure.toString());
                    send(ctx, head0, HttpRoutes.Reply.text(500, "internal error\n"), head);
                } else {
                    send(ctx, head0, reply.orElse(HttpRoutes.Reply.text(404, "not found: " + path + "\n")), head);
                }
            } finally {
                head0.release();
            }
        });
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, HttpRoutes.Reply reply, boolean headOnly) {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.valueOf(reply.status()), headOnly ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        HttpUtil.setKeepAlive(response, keepAlive);
        var done = ctx.writeAndFlush(response);
        if (!keepAlive) {
            done.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
