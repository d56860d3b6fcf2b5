package org.streamboot.server.iscsi;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.streamboot.server.iscsi.Pdu.DataOut;
import org.streamboot.server.iscsi.Pdu.LogoutRequest;
import org.streamboot.server.iscsi.Pdu.LogoutResponse;
import org.streamboot.server.iscsi.Pdu.NopIn;
import org.streamboot.server.iscsi.Pdu.NopOut;
import org.streamboot.server.iscsi.Pdu.ReadyToTransfer;
import org.streamboot.server.iscsi.Pdu.Reject;
import org.streamboot.server.iscsi.Pdu.ScsiCommand;
import org.streamboot.server.iscsi.Pdu.ScsiResponse;
import org.streamboot.server.iscsi.Pdu.TaskMgmtRequest;
import org.streamboot.server.iscsi.Pdu.TextRequest;
import org.streamboot.server.scsi.ScsiRequest;
import org.streamboot.server.scsi.ScsiResult;
import org.streamboot.server.scsi.SenseData;

/**
 * The full feature phase of one session on one connection (RFC 7143 sections 4 and 11), as a
 * state machine without I/O: PDUs in, PDUs out, and {@link Work} for the handler to run off
 * the event loop (SCSI execution, target listing, barriers that wait for earlier work). All
 * methods run on the connection's event loop; {@link Task#aborted} is also read by workers.
 */
final class FullFeatureSession implements ResponseBuilder.Numbers {

    enum State { ACTIVE, LOGGING_OUT, CLOSED }

    /** Work for the connection's serial executor; its outcome comes back through {@link #completed}. */
    sealed interface Work {
        record Command(Task task, ScsiRequest request) implements Work {
        }

        /** Runs after all earlier work: a task management or logout answer waits for it. */
        record Barrier(Pdu request, List<Task> aborted) implements Work {
        }

        record ListTargets(TextRequest request, String which) implements Work {
        }
    }

    /** What one input produced. {@code close}: close the connection after sending. */
    record Step(List<Pdu> send, List<Work> work, boolean close, String problem) {
    }

    static final class Task {
        final ScsiCommand command;
        WriteCollector collector;
        volatile boolean aborted;

        Task(ScsiCommand command) {
            this.command = command;
        }
    }

    /** Reads may return this much beyond the expected length so overflow residuals can be counted. */
    static final int OVERFLOW_PROBE = 1 << 20;
    private static final int MAX_TEXT = 64 * 1024;

    private final SessionParams params;
    private final TargetLimits limits;
    private final boolean discovery;
    private final String initiatorName;
    private final String nexus;
    private final String targetName;
    private final SessionCounters counters;
    private final CommandWindow<Pdu> window;
    private final Map<Integer, Task> tasks = new LinkedHashMap<>();
    private final TextExchange text;
    private State state = State.ACTIVE;
    private int statSn;
    private int nextTag = 1;
    private int outstandingPing = Pdu.NO_TAG;

    private List<Pdu> send;
    private List<Work> work;
    private boolean close;
    private String problem;

    FullFeatureSession(LoginNegotiation login, int firstCmdSn, TargetLimits limits, SessionCounters counters,
                       String portal) {
        this.params = login.params();
        this.limits = limits;
        this.discovery = login.discovery();
        this.initiatorName = login.initiatorName();
        this.nexus = nexus(login.initiatorName(), login.isid());
        this.targetName = login.targetName();
        this.counters = counters;
        this.statSn = login.nextStatSn();
        this.window = new CommandWindow<>(firstCmdSn, limits.commandWindow());
        this.text = new TextExchange(MAX_TEXT, portal);
    }

    SessionParams params() {
        return params;
    }

    State state() {
        return state;
    }

    Step onPdu(Pdu pdu) {
        begin();
        switch (pdu) {
            case DataOut d -> dataOut(d);
            case NopOut n when n.itt() == Pdu.NO_TAG -> {
                // RFC 7143 11.18: the answer to our ping carries our TTT and no ITT, and is immediate.
                if (n.ttt() == outstandingPing) {
                    outstandingPing = Pdu.NO_TAG;
                }
            }
            case NopOut n -> ordered(n, n.cmdSn(), n.immediate());
            case ScsiCommand c -> ordered(c, c.cmdSn(), c.immediate());
            case TaskMgmtRequest t -> ordered(t, t.cmdSn(), t.immediate());
            case TextRequest t -> ordered(t, t.cmdSn(), t.immediate());
            case LogoutRequest l -> ordered(l, l.cmdSn(), l.immediate());
            case Pdu.Unsupported u -> reject(u.opcode() == Opcode.SNACK_REQUEST ? 0x03 : 0x05, pdu, "opcode "
                    + Integer.toHexString(u.opcode()) + " not supported");
            default -> reject(0x04, pdu, "unexpected " + pdu.getClass().getSimpleName() + " in full feature phase");
        }
        return end();
    }

    private void ordered(Pdu pdu, int cmdSn, boolean immediate) {
        if (immediate) {
            dispatch(pdu, cmdSn);
            return;
        }
        switch (window.admit(cmdSn, pdu)) {
            case DELIVER -> {
                dispatch(pdu, cmdSn);
                for (Pdu next = window.nextHeld(); next != null; next = window.nextHeld()) {
                    dispatch(next, cmdSnOf(next));
                }
            }
            case HELD -> { }
            case DROPPED -> {
                counters.droppedCommands.incrementAndGet();
                problem = "CmdSN " + Integer.toUnsignedString(cmdSn) + " outside the window ["
                        + Integer.toUnsignedString(window.expCmdSn()) + ", " + Integer.toUnsignedString(window.maxCmdSn())
                        + "], dropped";
            }
        }
    }

    private static int cmdSnOf(Pdu pdu) {
        return switch (pdu) {
            case ScsiCommand c -> c.cmdSn();
            case NopOut n -> n.cmdSn();
            case TaskMgmtRequest t -> t.cmdSn();
            case TextRequest t -> t.cmdSn();
            case LogoutRequest l -> l.cmdSn();
            default -> 0;
        };
    }

    private void dispatch(Pdu pdu, int cmdSn) {
        if (state != State.ACTIVE) {
            reject(0x0c, pdu, "logout in progress");
            return;
        }
        switch (pdu) {
            case ScsiCommand c -> command(c);
            case NopOut n -> send.add(new NopIn(n.lun(), n.itt(), Pdu.NO_TAG, nextStatSn(), expCmdSn(), maxCmdSn(),
                    n.data()));
            case TaskMgmtRequest t -> taskManagement(t, cmdSn);
            case TextRequest t -> textRequest(t);
            case LogoutRequest l -> logout(l);
            default -> reject(0x04, pdu, "unexpected PDU");
        }
    }

    // ---- SCSI commands and data-out (RFC 7143 11.3, 11.7, 11.8) ----

    private void command(ScsiCommand c) {
        counters.commands.incrementAndGet();
        if (discovery) {
            reject(0x05, c, "SCSI command in a discovery session");
            return;
        }
        if (tasks.containsKey(c.itt())) {
            reject(0x07, c, "task tag " + Integer.toUnsignedString(c.itt()) + " already in use");
            return;
        }
        int expected = c.expectedLength();
        if (c.read() && c.write() || Integer.compareUnsigned(expected, limits.maxTransferLength()) > 0) {
            // Bidirectional commands need an AHS this target does not read; huge transfers would pin memory.
            send.add(checkCondition(c.itt(), SenseData.of(SenseData.ILLEGAL_REQUEST, 0x24, 0x00)));
            return;
        }
        Task task = new Task(c);
        if (!c.write()) {
            tasks.put(c.itt(), task);
            work.add(new Work.Command(task, request(c, Pdu.EMPTY)));
            return;
        }
        String bad = WriteCollector.checkImmediate(c.data().length, expected, params);
        if (bad != null) {
            reject(0x04, c, bad);
            return;
        }
        counters.bytesWritten.addAndGet(c.data().length);
        task.collector = new WriteCollector(expected, c.data(), !c.fin() && !params.initialR2T(), params, this::nextTag);
        tasks.put(c.itt(), task);
        advance(task);
    }

    private void dataOut(DataOut d) {
        Task task = tasks.get(d.itt());
        if (task == null || task.collector == null || task.collector.state() == WriteCollector.State.COMPLETE) {
            // Data for an aborted or finished task: RFC 7143 4.2.3.3 lets the target discard it.
            counters.protocolErrors.incrementAndGet();
            return;
        }
        String bad = task.collector.accept(d);
        if (bad != null) {
            // ErrorRecoveryLevel 0 has no recovery within the command: reject and drop the connection.
            reject(0x09, d, bad);
            close = true;
            return;
        }
        counters.bytesWritten.addAndGet(d.data().length);
        advance(task);
    }

    private void advance(Task task) {
        WriteCollector collector = task.collector;
        for (WriteCollector.Solicitation s : collector.solicit()) {
            send.add(new ReadyToTransfer(task.command.lun(), task.command.itt(), s.ttt(), statSn, expCmdSn(), maxCmdSn(),
                    s.r2tSn(), s.offset(), s.length()));
        }
        if (collector.state() == WriteCollector.State.COMPLETE) {
            work.add(new Work.Command(task, request(task.command, collector.data())));
        }
    }

    private ScsiRequest request(ScsiCommand c, byte[] dataOut) {
        int expected = c.expectedLength();
        int allocation = c.write() ? expected : Math.max(expected, OVERFLOW_PROBE);
        return new ScsiRequest(singleLevelLun(c.lun()), c.cdb(), ByteBuffer.wrap(dataOut), allocation, initiatorName,
                nexus);
    }

    /**
     * The I_T nexus of a session: RFC 7143 4.4.1 names the SCSI initiator port by the initiator
     * name and ISID ("iqn...,i,0x" + 12 hex digits), so two sessions of one initiator are two
     * nexuses; the target port is the same for every session.
     */
    static String nexus(String initiatorName, long isid) {
        return String.valueOf(initiatorName).toLowerCase(java.util.Locale.ROOT) + ",i,0x"
                + String.format("%012x", isid & 0xffff_ffff_ffffL);
    }

    /** SAM-5 4.7: peripheral (00b) and flat (01b) addressing keep the LUN in the first two bytes. */
    static long singleLevelLun(long lunField) {
        return lunField >>> 48 & 0x3fff;
    }

    /** The outcome of work; returns what to send. {@code outcome} is a ScsiResult, a target list or null. */
    Step completed(Work done, Object outcome) {
        begin();
        switch (done) {
            case Work.Command c -> {
                Task task = c.task();
                tasks.remove(task.command.itt(), task);
                if (!task.aborted && state != State.CLOSED) {
                    finish(task, (ScsiResult) outcome);
                }
            }
            case Work.Barrier b -> barrierPassed(b);
            case Work.ListTargets l -> {
                @SuppressWarnings("unchecked")
                List<String> names = (List<String>) outcome;
                sendText(l.request(), text.sendTargets(names, l.which(), discovery, targetName));
            }
        }
        return end();
    }

    private void finish(Task task, ScsiResult result) {
        ScsiCommand c = task.command;
        if (result == null) {
            send.add(ResponseBuilder.targetFailure(c.itt(), this));
            return;
        }
        int r2ts = task.collector == null ? 0 : task.collector.r2tCount();
        List<Pdu> pdus = ResponseBuilder.build(c.lun(), c.itt(), c.expectedLength(), c.write(), r2ts, result, params, this);
        for (Pdu p : pdus) {
            counters.bytesRead.addAndGet(p instanceof Pdu.DataIn ? p.dataLength() : 0);
        }
        send.addAll(pdus);
    }

    private ScsiResponse checkCondition(int itt, SenseData sense) {
        List<Pdu> pdus = ResponseBuilder.build(0, itt, 0, false, 0, ScsiResult.checkCondition(sense), params, this);
        return (ScsiResponse) pdus.getFirst();
    }

    // ---- task management (RFC 7143 11.5, 11.6) ----

    private void taskManagement(TaskMgmtRequest t, int cmdSn) {
        List<Task> aborted = new ArrayList<>();
        int response = TaskManagement.FUNCTION_COMPLETE;
        switch (t.function()) {
            case TaskManagement.ABORT_TASK -> {
                Task task = tasks.get(t.referencedTag());
                if (task != null && task.command.lun() == t.lun()) {
                    aborted.add(task);
                } else if (!TaskManagement.unseenButInWindow(t.refCmdSn(), cmdSn, window.expCmdSn())) {
                    response = TaskManagement.TASK_DOES_NOT_EXIST;
                }
            }
            case TaskManagement.ABORT_TASK_SET, TaskManagement.CLEAR_TASK_SET, TaskManagement.LOGICAL_UNIT_RESET ->
                    tasks.values().stream().filter(x -> x.command.lun() == t.lun()).forEach(aborted::add);
            case TaskManagement.TARGET_WARM_RESET, TaskManagement.TARGET_COLD_RESET -> aborted.addAll(tasks.values());
            case TaskManagement.CLEAR_ACA -> { }
            case TaskManagement.TASK_REASSIGN -> response = TaskManagement.REASSIGNMENT_NOT_SUPPORTED;
            default -> response = TaskManagement.NOT_SUPPORTED;
        }
        for (Task task : aborted) {
            task.aborted = true;
            tasks.remove(task.command.itt());
        }
        if (response != TaskManagement.FUNCTION_COMPLETE) {
            send.add(new Pdu.TaskMgmtResponse(response, t.itt(), nextStatSn(), expCmdSn(), maxCmdSn()));
            return;
        }
        work.add(new Work.Barrier(t, aborted));
    }

    // ---- text (RFC 7143 11.10, 11.11, appendix C) ----

    private void textRequest(TextRequest t) {
        TextExchange.Outcome outcome = text.onRequest(t);
        switch (outcome) {
            case TextExchange.Outcome.Reply r -> sendText(t, r.keys());
            case TextExchange.Outcome.Chunk c -> send.add(c.toPdu(t, nextStatSn(), expCmdSn(), maxCmdSn()));
            case TextExchange.Outcome.NeedTargets n -> work.add(new Work.ListTargets(t, n.which()));
            case TextExchange.Outcome.Invalid i -> reject(0x09, t, i.why());
        }
    }

    private void sendText(TextRequest t, byte[] keys) {
        send.add(text.firstChunk(t, keys, params.initiatorMaxRecv(), nextTag(), this));
    }

    // ---- logout (RFC 7143 11.14, 11.15) ----

    private void logout(LogoutRequest l) {
        if (l.reason() == 2) {
            send.add(new LogoutResponse(2, l.itt(), nextStatSn(), expCmdSn(), maxCmdSn(), 0, 0));
            return;
        }
        state = State.LOGGING_OUT;
        work.add(new Work.Barrier(l, List.of()));
    }

    private void barrierPassed(Work.Barrier b) {
        switch (b.request()) {
            case TaskMgmtRequest t -> {
                send.add(new Pdu.TaskMgmtResponse(TaskManagement.FUNCTION_COMPLETE, t.itt(), nextStatSn(), expCmdSn(),
                        maxCmdSn()));
                close = t.function() == TaskManagement.TARGET_COLD_RESET;
            }
            case LogoutRequest l -> {
                send.add(new LogoutResponse(0, l.itt(), nextStatSn(), expCmdSn(), maxCmdSn(), params.defaultTime2Wait(),
                        params.defaultTime2Retain()));
                state = State.CLOSED;
                close = true;
            }
            default -> { }
        }
    }

    // ---- keep-alive (RFC 7143 11.19: a NOP-In with a TTT asks for a NOP-Out answer) ----

    /** A ping, or null when the previous one is still unanswered (the caller then closes). */
    NopIn ping() {
        if (outstandingPing != Pdu.NO_TAG) {
            return null;
        }
        outstandingPing = nextTag();
        return new NopIn(0, Pdu.NO_TAG, outstandingPing, statSn, expCmdSn(), maxCmdSn(), Pdu.EMPTY);
    }

    boolean pingAnswered(int ttt) {
        return outstandingPing != ttt;
    }

    /** Marks every task aborted: the connection is gone and no answer can be sent. */
    void closed() {
        state = State.CLOSED;
        tasks.values().forEach(t -> t.aborted = true);
        tasks.clear();
    }

    // ---- helpers ----

    private void reject(int reason, Pdu pdu, String why) {
        counters.protocolErrors.incrementAndGet();
        send.add(new Reject(reason, statSn, expCmdSn(), maxCmdSn(), 0, PduCodec.encodeHeader(pdu)));
        problem = why;
    }

    private int nextTag() {
        int tag = nextTag++;
        if (nextTag == Pdu.NO_TAG) {
            nextTag = 1;
        }
        return tag;
    }

    /** StatSN for PDUs that carry it without consuming it (R2T, Reject, pings). */
    int currentStatSn() {
        return statSn;
    }

    @Override
    public int nextStatSn() {
        return statSn++;
    }

    @Override
    public int expCmdSn() {
        return window.expCmdSn();
    }

    @Override
    public int maxCmdSn() {
        return window.maxCmdSn();
    }

    private void begin() {
        send = new ArrayList<>();
        work = new ArrayList<>();
        close = false;
        problem = null;
    }

    private Step end() {
        return new Step(send, work, close, problem);
    }
}
