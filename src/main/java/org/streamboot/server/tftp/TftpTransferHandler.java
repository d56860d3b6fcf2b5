package org.streamboot.server.tftp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.files.ReadableFile;

/**
 * Joins one {@link TftpTransfer} to its own datagram channel: feeds it the client's packets,
 * the executor's disk reads and the retransmission timer, and carries out what it returns.
 * Runs on the channel's event loop; file reads go to the executor and come back here.
 */
final class TftpTransferHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger log = LoggerFactory.getLogger(TftpTransferHandler.class);
    /** The console redraws a few times a second; more frequent progress is wasted work. */
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final TftpRuntime runtime;
    private final TftpTransfer transfer;
    private final ReadableFile file;
    private final TftpTransferListener.Transfer info;
    private final TftpRuntime.RequestKey key;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private long lastProgress = System.nanoTime();
    private boolean cleanedUp;

    TftpTransferHandler(TftpRuntime runtime, TftpTransfer transfer, ReadableFile file,
                        TftpTransferListener.Transfer info, TftpRuntime.RequestKey key) {
        this.runtime = runtime;
        this.transfer = transfer;
        this.file = file;
        this.info = info;
        this.key = key;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        log.debug("TFTP {} to {}: {} bytes, blksize {}, windowsize {}", info.file(), info.client(), info.size(),
                info.blockSize(), info.windowSize());
        runtime.listener.started(info);
        apply(transfer.start());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        if (!datagram.sender().equals(info.client())) {
            // RFC 1350 section 4: a packet from another TID gets ERROR 5 and leaves this transfer alone.
            send(datagram.sender(), new TftpPacket.Error(TftpErrorCode.UNKNOWN_TRANSFER_ID, "unknown transfer ID"));
            ctx.flush();
            return;
        }
        TftpPacket packet;
        try {
            packet = TftpCodec.decode(datagram.content());
        } catch (TftpDecodeException e) {
            runtime.malformed.incrementAndGet();
            apply(transfer.onMalformed(e));
            return;
        }
        apply(switch (packet) {
            case TftpPacket.Ack ack -> transfer.onAck(ack.block());
            case TftpPacket.Error error -> transfer.onPeerError(error);
            default -> transfer.onUnexpected(packet);
        });
    }

    private void apply(TftpTransfer.Action action) {
        if (cleanedUp) {
            return;
        }
        switch (action) {
            case TftpTransfer.Action.Send send -> {
                send.packets().forEach(p -> send(info.client(), p));
                ctx.flush();
                armTimer();
            }
            case TftpTransfer.Action.Read read -> {
                cancelTimer();
                maybeReportProgress();
                read(read);
            }
            case TftpTransfer.Action.Complete ignored -> {
                cancelTimer();
                log.debug("TFTP {} to {} complete ({} retransmits)", info.file(), info.client(), transfer.retransmits());
                runtime.listener.finished(info, progress());
                ctx.close();
            }
            case TftpTransfer.Action.Fail fail -> {
                cancelTimer();
                fail.reply().ifPresent(error -> send(info.client(), error));
                ctx.flush();
                log.info("TFTP {} to {} failed: {}", info.file(), info.client(), fail.reason());
                runtime.listener.failed(info, progress(), fail.reason());
                ctx.close();
            }
            case TftpTransfer.Action.SizeProbed probed -> {
                cancelTimer();
                log.debug("TFTP {} to {}: the client asked its size ({} bytes) and ended ({})", info.file(), info.client(),
                        probed.size(), probed.clientMessage());
                runtime.listener.sizeProbed(info, probed.clientMessage());
                ctx.close();
            }
            case TftpTransfer.Action.Ignore ignore -> log.trace("TFTP {}: {}", info.client(), ignore.why());
        }
    }

    /** Reads the next chunk on the executor and hands the bytes back to the event loop. */
    private void read(TftpTransfer.Action.Read read) {
        Runnable task = () -> {
            byte[] bytes = new byte[read.length()];
            String failure = null;
            int n = 0;
            try {
                n = file.read(read.offset(), ByteBuffer.wrap(bytes));
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            int got = n;
            String why = failure;
            onLoop(() -> apply(why != null ? transfer.onReadFailed(why) : transfer.onChunkRead(read.offset(), bytes, got)));
        };
        try {
            runtime.executor.execute(task);
        } catch (RejectedExecutionException e) {
            apply(transfer.onReadFailed("the server is shutting down"));
        }
    }

    private void onLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("event loop gone; dropping a finished read for {}", info.client());
        }
    }

    private void send(InetSocketAddress to, TftpPacket packet) {
        ctx.write(new DatagramPacket(TftpCodec.encode(packet, ctx.alloc()), to));
    }

    private void armTimer() {
        cancelTimer();
        timer = ctx.executor().schedule(() -> {
            timer = null;
            apply(transfer.onTimeout());
        }, transfer.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void maybeReportProgress() {
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_INTERVAL_NANOS) {
            lastProgress = now;
            runtime.listener.progress(info, progress());
        }
    }

    private TftpTransferListener.Progress progress() {
        return new TftpTransferListener.Progress(transfer.bytesAcknowledged(), transfer.blocksAcknowledged(),
                transfer.retransmits());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        cancelTimer();
        if (this.ctx != null && !transfer.isOver()) {
            runtime.listener.failed(info, progress(), "the server stopped the transfer");
        }
        runtime.release(key);
        try {
            runtime.executor.execute(() -> TftpRequestHandler.closeQuietly(file));
        } catch (RejectedExecutionException e) {
            TftpRequestHandler.closeQuietly(file);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("TFTP transfer of {} to {}: unexpected error", info.file(), info.client(), cause);
    }
}
