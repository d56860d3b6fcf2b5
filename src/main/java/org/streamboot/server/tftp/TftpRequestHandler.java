package org.streamboot.server.tftp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.files.FileRefusal;
import org.streamboot.server.files.ReadableFile;

/**
 * The well-known port (69): takes read requests, opens the file off the event loop and
 * starts each transfer on a datagram channel of its own, whose ephemeral port is the
 * server's transfer ID (RFC 1350 section 4). Refusals are answered from this port; no
 * socket is opened for a request that will not be served.
 */
final class TftpRequestHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger log = LoggerFactory.getLogger(TftpRequestHandler.class);
    private final TftpRuntime runtime;

    TftpRequestHandler(TftpRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        InetSocketAddress client = datagram.sender();
        TftpPacket packet;
        try {
            packet = TftpCodec.decode(datagram.content());
        } catch (TftpDecodeException e) {
            runtime.malformed.incrementAndGet();
            log.debug("malformed TFTP request from {}: {}", client, e.getMessage());
            reply(ctx, client, new TftpPacket.Error(e.reply(), e.getMessage()));
            return;
        }
        switch (packet) {
            case TftpPacket.Rrq request -> request(ctx, client, request);
            case TftpPacket.Wrq write -> refuse(ctx, client, write.filename(), TftpErrorCode.ACCESS_VIOLATION,
                    "this server is read-only");
            case TftpPacket.Error ignored -> {
                // RFC 1350 section 7: an ERROR is never answered, or two peers could loop.
            }
            default -> reply(ctx, client, new TftpPacket.Error(TftpErrorCode.ILLEGAL_OPERATION,
                    "this port takes read requests only"));
        }
    }

    private void request(ChannelHandlerContext ctx, InetSocketAddress client, TftpPacket.Rrq request) {
        // "netascii" is served byte for byte, like "octet": everything here is a boot file
        // (iPXE binaries, kernels, scripts) that line-ending conversion would corrupt, and
        // tftp-hpa's client asks for netascii unless told "binary". "mail" is obsolete (RFC 1350).
        if (!request.mode().equals("octet") && !request.mode().equals("netascii")) {
            refuse(ctx, client, request.filename(), TftpErrorCode.ILLEGAL_OPERATION,
                    "transfer mode '" + request.mode() + "' is not supported; use octet");
            return;
        }
        TftpRuntime.RequestKey key = new TftpRuntime.RequestKey(client, request);
        if (!runtime.claim(key)) {
            if (runtime.busy()) {
                refuse(ctx, client, request.filename(), TftpErrorCode.NOT_DEFINED, "server busy: "
                        + runtime.settings.maxTransfers() + " transfers already running, try again shortly");
            } else {
                log.debug("repeated RRQ from {} for {} while it is being served; ignored", client, request.filename());
            }
            return;
        }
        EventLoop loop = ctx.channel().eventLoop();
        try {
            runtime.executor.execute(() -> open(ctx, loop, client, request, key));
        } catch (RejectedExecutionException e) {
            runtime.release(key);
        }
    }

    /** Runs on the executor: opening may touch the disk. */
    private void open(ChannelHandlerContext ctx, EventLoop loop, InetSocketAddress client, TftpPacket.Rrq request,
                      TftpRuntime.RequestKey key) {
        try {
            ReadableFile file = runtime.files.open(request.filename());
            onLoop(loop, () -> start(ctx, client, request, key, file), () -> closeQuietly(file));
        } catch (FileRefusal refusal) {
            TftpErrorCode code = switch (refusal.kind()) {
                case NOT_FOUND -> TftpErrorCode.FILE_NOT_FOUND;
                case ACCESS_VIOLATION, UNREADABLE -> TftpErrorCode.ACCESS_VIOLATION;
            };
            String words = switch (refusal.kind()) {
                case NOT_FOUND -> "file not found";
                case ACCESS_VIOLATION -> "access violation";
                case UNREADABLE -> "file not readable";
            };
            runtime.release(key);
            onLoop(loop, () -> refuse(ctx, client, request.filename(), code, words, refusal.getMessage()), () -> { });
        } catch (RuntimeException e) {
            runtime.release(key);
            log.warn("opening {} for {} failed", request.filename(), client, e);
            onLoop(loop, () -> refuse(ctx, client, request.filename(), TftpErrorCode.NOT_DEFINED, "server error"), () -> { });
        }
    }

    private void start(ChannelHandlerContext ctx, InetSocketAddress client, TftpPacket.Rrq request,
                       TftpRuntime.RequestKey key, ReadableFile file) {
        TftpOptions options;
        try {
            options = TftpOptions.negotiate(request.options(), file.size(), runtime.settings);
        } catch (TftpOptions.Refused e) {
            runtime.release(key);
            runtime.executor.execute(() -> closeQuietly(file));
            refuse(ctx, client, request.filename(), TftpErrorCode.OPTION_NEGOTIATION, e.getMessage());
            return;
        }
        TftpTransfer transfer = new TftpTransfer(file.size(), options, runtime.settings.maxRetries(),
                runtime.settings.readAhead());
        TftpTransferListener.Transfer info = new TftpTransferListener.Transfer(runtime.nextId(), client,
                request.filename(), file.size(), options.blockSize(), options.windowSize());
        TftpTransferHandler handler = new TftpTransferHandler(runtime, transfer, file, info, key);
        InetSocketAddress local = new InetSocketAddress(((InetSocketAddress) ctx.channel().localAddress()).getAddress(), 0);
        new Bootstrap()
                .group(ctx.channel().eventLoop().parent())
                .channel(NioDatagramChannel.class)
                .handler(handler)
                .bind(local)
                .addListener(bound -> {
                    if (bound.isSuccess()) {
                        runtime.track(((io.netty.channel.ChannelFuture) bound).channel());
                    } else {
                        // The handler's cleanup has released the slot and closed the file.
                        refuse(ctx, client, request.filename(), TftpErrorCode.NOT_DEFINED,
                                "no free port for the transfer: " + bound.cause().getMessage());
                    }
                });
    }

    private void refuse(ChannelHandlerContext ctx, InetSocketAddress client, String file, TftpErrorCode code, String message) {
        refuse(ctx, client, file, code, message, message);
    }

    /** @param detail what the log and the console see; it may name server paths the client must not learn */
    private void refuse(ChannelHandlerContext ctx, InetSocketAddress client, String file, TftpErrorCode code,
                        String message, String detail) {
        runtime.refused.incrementAndGet();
        log.info("TFTP {} from {} refused: {}", file, client, detail);
        runtime.listener.refused(client, file, detail);
        reply(ctx, client, new TftpPacket.Error(code, message));
    }

    private static void reply(ChannelHandlerContext ctx, InetSocketAddress to, TftpPacket packet) {
        ctx.writeAndFlush(new DatagramPacket(TftpCodec.encode(packet, ctx.alloc()), to));
    }

    private static void onLoop(EventLoop loop, Runnable task, Runnable ifStopped) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            ifStopped.run();
        }
    }

    static void closeQuietly(ReadableFile file) {
        try {
            file.close();
        } catch (Exception e) {
            log.debug("closing a served file failed", e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Never close the well-known port over one bad packet.
        log.warn("TFTP request handling failed", cause);
    }
}
