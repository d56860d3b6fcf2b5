package org.streamboot.server.iscsi;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.iscsi.FullFeatureSession.Step;
import org.streamboot.server.iscsi.FullFeatureSession.Work;
import org.streamboot.server.iscsi.Pdu.LoginRequest;
import org.streamboot.server.scsi.ScsiRequest;
import org.streamboot.server.scsi.ScsiResult;

/**
 * Joins the frame codec, the login state machine and the full feature session of one TCP
 * connection. Every state change happens on the channel's event loop; logins, directory
 * look-ups and SCSI commands run concurrently through a {@link CommandScheduler}, which keeps
 * task management, logout and ORDERED tasks behind everything before them, and come back to
 * the loop. A READ whose bytes are all in RAM is answered on the loop itself: handing it to
 * another thread and back would cost more than the copy. Answers are written without a flush
 * and flushed once per burst (one flush task per event-loop turn).
 */
final class IscsiConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(IscsiConnectionHandler.class);
    /** The ATTR field of a SCSI Command (RFC 7143 11.3.1.1): 2 is ORDERED; HEAD OF QUEUE runs as SIMPLE. */
    private static final int ORDERED = 2;

    private final IscsiFrameDecoder decoder;
    private final IscsiFrameEncoder encoder;
    private final TargetDirectory directory;
    private final TargetLimits limits;
    private final IscsiSessions sessions;
    private final CommandScheduler scheduler;
    private final SessionCounters counters = new SessionCounters();
    private final AtomicBoolean released = new AtomicBoolean();
    private final LoginNegotiation login;
    private ChannelHandlerContext ctx;
    private boolean flushScheduled;
    private volatile FullFeatureSession session;
    private volatile String remote = "?";

    IscsiConnectionHandler(IscsiFrameDecoder decoder, IscsiFrameEncoder encoder, TargetDirectory directory,
                           TargetLimits limits, IscsiSessions sessions, Executor executor) {
        this.decoder = decoder;
        this.encoder = encoder;
        this.directory = directory;
        this.limits = limits;
        this.sessions = sessions;
        this.scheduler = new CommandScheduler(executor, this::onEventLoop, this::flushSoon, this::executorStopped);
        this.login = new LoginNegotiation(directory, limits, sessions::allocateTsih, ThreadLocalRandom.current().nextInt(),
                ThreadLocalRandom.current());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        SocketAddress address = ctx.channel().remoteAddress();
        remote = address == null ? "local" : address.toString();
        sessions.connected(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FrameError error) {
            frameError(error);
            return;
        }
        Pdu pdu = (Pdu) msg;
        FullFeatureSession ff = session;
        if (ff != null) {
            apply(ff.onPdu(pdu));
        } else if (pdu instanceof LoginRequest request) {
            scheduler.submit(true, () -> login.onRequest(request), r -> afterLogin((LoginNegotiation.Result) r));
        } else {
            // RFC 7143 6.3: only Login PDUs are allowed before the full feature phase.
            log.warn("iSCSI {}: {} before login completed; closing", remote, pdu.getClass().getSimpleName());
            ctx.close();
        }
    }

    private void afterLogin(LoginNegotiation.Result result) {
        if (result.failed()) {
            log.warn("iSCSI login from {} refused ({}): {}", remote, Integer.toHexString(result.response().status()),
                    result.failure());
            ctx.writeAndFlush(result.response()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!result.complete()) {
            ctx.writeAndFlush(result.response());
            return;
        }
        if (!login.discovery()) {
            IscsiConnectionHandler old = sessions.loggedIn(login.initiatorName(), login.isid(), login.targetName(), this);
            if (old != null) {
                // RFC 7143 6.3.5: reinstatement ends the old session before the new one starts.
                log.info("iSCSI session of {} to {} reinstated; closing the old connection", login.initiatorName(),
                        login.targetName());
                old.closeThen(() -> ctx.executor().execute(() -> enterFullFeature(result)));
                return;
            }
        }
        enterFullFeature(result);
    }

    private void enterFullFeature(LoginNegotiation.Result result) {
        FullFeatureSession ff = new FullFeatureSession(login, login.firstCmdSn(), limits, counters, portal());
        SessionParams p = ff.params();
        decoder.enterFullFeaturePhase(p.targetMaxRecv(), p.headerDigest(), p.dataDigest());
        ctx.writeAndFlush(result.response());
        encoder.enableDigests(p.headerDigest(), p.dataDigest());
        session = ff;
        log.info("iSCSI {} session of {} from {}{} (TSIH {})", login.discovery() ? "discovery" : "normal",
                login.initiatorName(), remote, login.discovery() ? "" : " to " + login.targetName(), login.tsih());
    }

    /** The address the initiator connected to, as SendTargets reports it (RFC 7143 appendix C). */
    private String portal() {
        if (!(ctx.channel().localAddress() instanceof InetSocketAddress local)) {
            return "127.0.0.1:3260";
        }
        String host = local.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        host = zone >= 0 ? host.substring(0, zone) : host;
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + local.getPort();
    }

    private void apply(Step step) {
        apply(step, null);
    }

    /** Sends a step's PDUs; Data-In PDUs viewing {@code answering}'s buffer keep it until written. */
    private void apply(Step step, DataInBuffer answering) {
        if (step.problem() != null) {
            log.debug("iSCSI {} ({}): {}", remote, login.initiatorName(), step.problem());
        }
        ChannelFuture last = null;
        for (Pdu pdu : step.send()) {
            last = ctx.write(pdu);
            if (answering != null && pdu instanceof Pdu.DataIn) {
                answering.keepUntil(last);
            }
        }
        if (step.close()) {
            ctx.flush();
            // Close once the final answer (Logout Response, Reject) has left.
            if (last == null) {
                ctx.close();
            } else {
                last.addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        if (!step.send().isEmpty()) {
            flushSoon();
        }
        for (Work work : step.work()) {
            DataInBuffer lent = work instanceof Work.Command c && c.task().command.read() ? new DataInBuffer(ctx.alloc())
                    : null;
            ScsiResult fromMemory = fromMemory(work, lent);
            if (fromMemory != null) {
                completed(work, fromMemory, lent);
                continue;
            }
            scheduler.submit(barrier(work), () -> run(work, lent), outcome -> completed(work, outcome, lent));
        }
    }

    /**
     * Sends the answer, then drops the lender's hold on the read buffer or the read-cache memory
     * the answer views (the writes keep theirs). A view is released even when nothing is sent.
     */
    private void completed(Work work, Object outcome, DataInBuffer lent) {
        DataInBuffer answering = lent;
        if (outcome instanceof ScsiResult r && r.dataView() != null) {
            answering = answering != null ? answering : new DataInBuffer(ctx.alloc());
            answering.hold(r.dataView());
        }
        try {
            FullFeatureSession ff = session;
            if (ff != null && ctx.channel().isActive()) {
                apply(ff.completed(work, outcome), answering);
            }
        } finally {
            if (answering != null) {
                answering.release();
            }
        }
    }

    private static ScsiRequest request(Work.Command c, DataInBuffer lent) {
        return lent == null ? c.request() : c.request().withDataInBuffer(lent);
    }

    /** Task management, logout and ORDERED tasks (SAM-5 8.6.3) wait for everything before them. */
    private static boolean barrier(Work work) {
        return switch (work) {
            case Work.Command c -> c.task().command.attributes() == ORDERED;
            case Work.Barrier b -> true;
            case Work.ListTargets l -> false;
        };
    }

    /**
     * The answer to a READ whose data is all in RAM, made here on the event loop, or null. Only
     * while no barrier is pending, which the read must not overtake.
     */
    private ScsiResult fromMemory(Work work, DataInBuffer lent) {
        if (!(work instanceof Work.Command c) || c.task().command.write() || barrier(work) || !scheduler.open()
                || login.granted() == null) {
            return null;
        }
        try {
            return login.granted().target().executeFromMemory(request(c, lent));
        } catch (RuntimeException e) {
            log.error("SCSI target failed on a read from memory for {}", login.initiatorName(), e);
            return null;
        }
    }

    /** Writes stay buffered until the event loop has handled everything it read or got back this turn. */
    private void flushSoon() {
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(() -> {
                flushScheduled = false;
                ctx.flush();
            });
        }
    }

    private void onEventLoop(Runnable task) {
        ctx.executor().execute(task);
    }

    private void executorStopped() {
        log.info("iSCSI service is stopping; closing the connection from {}", remote);
        ctx.close();
    }

    /** Runs on a worker: the only place that calls blocking code. */
    private Object run(Work work, DataInBuffer lent) {
        return switch (work) {
            case Work.Command c -> {
                if (c.task().aborted) {
                    yield null;
                }
                try {
                    yield login.granted().target().execute(request(c, lent));
                } catch (RuntimeException e) {
                    log.error("SCSI target failed on a command from {}", login.initiatorName(), e);
                    yield (ScsiResult) null;
                }
            }
            case Work.Barrier b -> {
                // The aborted tasks are done by now: the logical unit hears of the reset after them (SAM-5 6.6).
                if (b.request() instanceof Pdu.TaskMgmtRequest t && TaskManagement.resetsLogicalUnit(t.function())
                        && login.granted() != null) {
                    login.granted().target().reset(nexus());
                }
                yield null;
            }
            case Work.ListTargets l -> {
                try {
                    yield directory.targetNames();
                } catch (RuntimeException e) {
                    log.error("listing iSCSI targets failed", e);
                    yield List.<String>of();
                }
            }
        };
    }

    private void frameError(FrameError error) {
        counters.protocolErrors.incrementAndGet();
        log.warn("iSCSI {}: {}; closing the connection", remote, error.detail());
        FullFeatureSession ff = session;
        if (error.kind() == FrameError.Kind.DATA_DIGEST && ff != null) {
            // RFC 7143 7.8 / 11.17.1: reason 0x02 "Data (payload) digest error", then session recovery.
            ctx.writeAndFlush(new Pdu.Reject(0x02, ff.currentStatSn(), ff.expCmdSn(), ff.maxCmdSn(), 0,
                    error.header())).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        FullFeatureSession ff = session;
        if (!(evt instanceof IdleStateEvent) || ff == null) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        Pdu.NopIn ping = ff.ping();
        if (ping == null) {
            return;
        }
        ctx.writeAndFlush(ping);
        ctx.executor().schedule(() -> {
            if (!ff.pingAnswered(ping.ttt()) && ctx.channel().isActive()) {
                log.warn("iSCSI {} ({}) did not answer a NOP-In within {} s; closing", remote, login.initiatorName(),
                        limits.nopTimeout());
                ctx.close();
            }
        }, limits.nopTimeout(), TimeUnit.SECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        FullFeatureSession ff = session;
        if (ff != null) {
            ff.closed();
        }
        sessions.disconnected(this, login.discovery() ? null : login.initiatorName(), login.isid(), login.targetName());
        // The release must wait for commands still running on workers.
        scheduler.submit(true, () -> {
            release();
            return null;
        }, nothing -> { });
        ctx.fireChannelInactive();
    }

    private void release() {
        TargetDirectory.Granted granted = login.granted();
        if (granted != null && released.compareAndSet(false, true)) {
            try {
                granted.target().nexusLost(nexus());
                granted.release().run();
            } catch (RuntimeException e) {
                log.error("releasing the iSCSI target of {} failed", login.initiatorName(), e);
            }
        }
    }

    private String nexus() {
        return FullFeatureSession.nexus(login.initiatorName(), login.isid());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("iSCSI {}: {}; closing", remote, cause.toString());
        ctx.close();
    }

    /** Closes this connection and runs {@code then} once it is closed. */
    void closeThen(Runnable then) {
        ctx.close().addListener(f -> then.run());
    }

    /** The live view of this connection, or null while it is still logging in. */
    IscsiSessionSnapshot snapshot() {
        FullFeatureSession ff = session;
        if (ff == null) {
            return null;
        }
        return counters.snapshot(login.initiatorName(), login.targetName(), login.isid(), login.tsih(), remote);
    }
}
