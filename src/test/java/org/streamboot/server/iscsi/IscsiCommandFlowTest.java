package org.streamboot.server.iscsi;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streamboot.server.iscsi.Pdu.DataIn;
import org.streamboot.server.iscsi.Pdu.DataOut;
import org.streamboot.server.iscsi.Pdu.LoginRequest;
import org.streamboot.server.iscsi.Pdu.LoginResponse;
import org.streamboot.server.iscsi.Pdu.LogoutRequest;
import org.streamboot.server.iscsi.Pdu.LogoutResponse;
import org.streamboot.server.iscsi.Pdu.NopIn;
import org.streamboot.server.iscsi.Pdu.NopOut;
import org.streamboot.server.iscsi.Pdu.ReadyToTransfer;
import org.streamboot.server.iscsi.Pdu.ScsiCommand;
import org.streamboot.server.iscsi.Pdu.ScsiResponse;
import org.streamboot.server.iscsi.Pdu.TaskMgmtRequest;
import org.streamboot.server.iscsi.Pdu.TaskMgmtResponse;
import org.streamboot.server.iscsi.Pdu.TextRequest;
import org.streamboot.server.iscsi.Pdu.TextResponse;

/** Whole command flows through the real pipeline on an EmbeddedChannel, SCSI work run inline. */
class IscsiCommandFlowTest {

    static final String TARGET = "iqn.2026-11.org.streamboot:vdisk.a";
    static final String INITIATOR = "iqn.2026-11.org.streamboot:client.pc1";
    private final MemoryDirectory directory = new MemoryDirectory().target(TARGET, new byte[64 * 1024])
            .target("iqn.2026-11.org.streamboot:vdisk.b", new byte[512]);
    private final TargetLimits limits = new TargetLimits(8192, 2048, 1024, 1, false, true, 8, 1 << 20, 0, 0);
    private final IscsiService service = new IscsiService(0, directory, limits, Runnable::run);
    private final List<ByteBuf> inbound = new ArrayList<>();
    private EmbeddedChannel ch;
    private int cmdSn = 1;

    @AfterEach
    void released() {
        if (ch != null) {
            ch.finishAndReleaseAll();
        }
        assertThat(inbound).allMatch(b -> b.refCnt() == 0);
    }

    private List<Pdu> send(Pdu pdu) {
        ByteBuf buf = Unpooled.wrappedBuffer(FrameTestSupport.frame(pdu, false, false));
        inbound.add(buf);
        ch.writeInbound(buf);
        ch.runPendingTasks();
        List<Pdu> out = new ArrayList<>();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.add(FrameTestSupport.decodeOutbound(b));
        }
        return out;
    }

    private LoginResponse login(String type, String initialR2T) {
        ch = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                service.initConnection(c);
            }
        });
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("InitiatorName", INITIATOR);
        keys.put("SessionType", type);
        if (type.equals("Normal")) {
            keys.put("TargetName", TARGET);
        }
        keys.put("MaxRecvDataSegmentLength", "4096");
        keys.put("InitialR2T", initialR2T);
        keys.put("ImmediateData", "Yes");
        keys.put("MaxBurstLength", "2048");
        keys.put("FirstBurstLength", "1024");
        List<Pdu> out = send(new LoginRequest(true, false, 1, 3, 0, 0, 0x400001370000L, 0, 0, 0, cmdSn, 0,
                TextKeys.format(keys)));
        assertThat(out).hasSize(1);
        LoginResponse r = (LoginResponse) out.getFirst();
        assertThat(r.status()).isZero();
        assertThat(r.transit()).isTrue();
        return r;
    }

    private static byte[] rw10(int opcode, int lba, int blocks) {
        ByteBuffer b = ByteBuffer.allocate(16).put((byte) opcode).put((byte) 0).putInt(lba).put((byte) 0)
                .putShort((short) blocks);
        return b.array();
    }

    @Test
    void readIsSplitIntoDataInPdusWithStatusInTheLast() throws Exception {
        login("Normal", "Yes");
        byte[] content = new byte[8192];
        new Random(3).nextBytes(content);
        directory.view(INITIATOR, TARGET).device().write(0, ByteBuffer.wrap(content));
        List<Pdu> out = send(new ScsiCommand(false, true, true, false, 1, 0, 0x10, 8192, cmdSn++, 0, rw10(0x28, 0, 16),
                Pdu.EMPTY));
        // MaxBurstLength 2048 bounds each sequence, so four PDUs of 2048 bytes, each ending a sequence.
        assertThat(out).hasSize(4).allMatch(p -> p instanceof DataIn);
        byte[] got = new byte[8192];
        for (int i = 0; i < 4; i++) {
            DataIn d = (DataIn) out.get(i);
            assertThat(d.dataSn()).isEqualTo(i);
            assertThat(d.bufferOffset()).isEqualTo(i * 2048);
            assertThat(d.fin()).isTrue();
            assertThat(d.statusPresent()).isEqualTo(i == 3);
            System.arraycopy(d.data(), 0, got, d.bufferOffset(), d.data().length);
        }
        assertThat(got).isEqualTo(content);
        DataIn last = (DataIn) out.get(3);
        assertThat(last.status()).isZero();
        assertThat(last.underflow() || last.overflow()).isFalse();
        assertThat(last.expCmdSn()).isEqualTo(cmdSn);

        // A read shorter than the expected length reports underflow with the missing byte count.
        List<Pdu> under = send(new ScsiCommand(false, true, true, false, 1, 0, 0x11, 1024, cmdSn++, 0, rw10(0x28, 0, 1),
                Pdu.EMPTY));
        DataIn u = (DataIn) under.getFirst();
        assertThat(u.underflow() && u.statusPresent()).isTrue();
        assertThat(u.residual()).isEqualTo(512);
        assertThat(u.statSn()).isEqualTo(last.statSn() + 1);
    }

    @Test
    void writeWithImmediateDataThenR2tsRespectingMaxBurst() throws Exception {
        login("Normal", "Yes");
        byte[] content = new byte[4096];
        new Random(4).nextBytes(content);
        List<Pdu> out = send(new ScsiCommand(false, true, false, true, 1, 0, 0x20, 4096, cmdSn++, 0, rw10(0x2a, 4, 8),
                Arrays.copyOf(content, 1024)));
        ReadyToTransfer r1 = (ReadyToTransfer) out.getFirst();
        assertThat(out).hasSize(1); // MaxOutstandingR2T = 1
        assertThat(r1.bufferOffset()).isEqualTo(1024);
        assertThat(r1.desiredLength()).isEqualTo(2048);
        assertThat(r1.r2tSn()).isZero();
        out = send(new DataOut(true, 0, 0x20, r1.ttt(), 0, 0, 1024, Arrays.copyOfRange(content, 1024, 3072)));
        ReadyToTransfer r2 = (ReadyToTransfer) out.getFirst();
        assertThat(r2.bufferOffset()).isEqualTo(3072);
        assertThat(r2.desiredLength()).isEqualTo(1024);
        assertThat(r2.r2tSn()).isEqualTo(1);
        out = send(new DataOut(true, 0, 0x20, r2.ttt(), 0, 0, 3072, Arrays.copyOfRange(content, 3072, 4096)));
        ScsiResponse done = (ScsiResponse) out.getFirst();
        assertThat(done.status()).isZero();
        assertThat(done.expDataSn()).isEqualTo(2);
        byte[] disk = directory.view(INITIATOR, TARGET).device().snapshot();
        assertThat(Arrays.copyOfRange(disk, 2048, 2048 + 4096)).isEqualTo(content);
    }

    @Test
    void unsolicitedDataOutWhenInitialR2tIsNo() throws Exception {
        login("Normal", "No");
        byte[] content = new byte[1536];
        new Random(5).nextBytes(content);
        // Immediate 512 bytes, F=0: unsolicited Data-Out up to FirstBurstLength (1024) follows, then an R2T.
        List<Pdu> out = send(new ScsiCommand(false, false, false, true, 1, 0, 0x30, 1536, cmdSn++, 0, rw10(0x2a, 0, 3),
                Arrays.copyOf(content, 512)));
        assertThat(out).isEmpty();
        out = send(new DataOut(true, 0, 0x30, Pdu.NO_TAG, 0, 0, 512, Arrays.copyOfRange(content, 512, 1024)));
        ReadyToTransfer r = (ReadyToTransfer) out.getFirst();
        assertThat(r.bufferOffset()).isEqualTo(1024);
        assertThat(r.desiredLength()).isEqualTo(512);
        out = send(new DataOut(true, 0, 0x30, r.ttt(), 0, 0, 1024, Arrays.copyOfRange(content, 1024, 1536)));
        assertThat(((ScsiResponse) out.getFirst()).status()).isZero();
        assertThat(Arrays.copyOf(directory.view(INITIATOR, TARGET).device().snapshot(), 1536)).isEqualTo(content);
    }

    @Test
    void checkConditionCarriesSenseWithLengthPrefix() {
        login("Normal", "Yes");
        byte[] cdb = new byte[16];
        cdb[0] = (byte) 0xc5; // no such opcode
        ScsiResponse r = (ScsiResponse) send(new ScsiCommand(false, true, false, false, 1, 0, 0x40, 0, cmdSn++, 0, cdb,
                Pdu.EMPTY)).getFirst();
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.data()).hasSize(20);
        assertThat(r.data()[0] << 8 | r.data()[1]).isEqualTo(18);
        assertThat(r.data()[2 + 2] & 0x0f).isEqualTo(5); // ILLEGAL REQUEST
        assertThat(r.data()[2 + 12]).isEqualTo((byte) 0x20);
    }

    @Test
    void nopWindowAbortAndLogout() {
        login("Normal", "Yes");
        NopIn pong = (NopIn) send(new NopOut(false, 0, 0x50, Pdu.NO_TAG, cmdSn++, 0, "echo".getBytes())).getFirst();
        assertThat(pong.itt()).isEqualTo(0x50);
        assertThat(new String(pong.data())).isEqualTo("echo");
        assertThat(pong.expCmdSn()).isEqualTo(cmdSn);

        // Outside [ExpCmdSN, MaxCmdSN]: dropped without an answer (RFC 7143 4.2.2.1).
        assertThat(send(new NopOut(false, 0, 0x51, Pdu.NO_TAG, cmdSn + 100, 0, Pdu.EMPTY))).isEmpty();
        assertThat(send(new NopOut(false, 0, 0x52, Pdu.NO_TAG, cmdSn - 1, 0, Pdu.EMPTY))).isEmpty();

        // A write waiting for data is aborted: TMF complete, and the write never answers.
        List<Pdu> r2t = send(new ScsiCommand(false, true, false, true, 1, 0, 0x60, 4096, cmdSn++, 0, rw10(0x2a, 0, 8),
                Pdu.EMPTY));
        assertThat(r2t.getFirst()).isInstanceOf(ReadyToTransfer.class);
        TaskMgmtResponse abort = (TaskMgmtResponse) send(new TaskMgmtRequest(true, TaskManagement.ABORT_TASK, 0, 0x61, 0x60,
                cmdSn, 0, cmdSn - 1, 0)).getFirst();
        assertThat(abort.response()).isEqualTo(TaskManagement.FUNCTION_COMPLETE);
        ReadyToTransfer first = (ReadyToTransfer) r2t.getFirst();
        assertThat(send(new DataOut(true, 0, 0x60, first.ttt(), 0, 0, 0, new byte[2048]))).isEmpty();
        TaskMgmtResponse missing = (TaskMgmtResponse) send(new TaskMgmtRequest(true, TaskManagement.ABORT_TASK, 0, 0x62,
                0x999, cmdSn, 0, cmdSn - 3, 0)).getFirst();
        assertThat(missing.response()).isEqualTo(TaskManagement.TASK_DOES_NOT_EXIST);
        TaskMgmtResponse reset = (TaskMgmtResponse) send(new TaskMgmtRequest(true, TaskManagement.LOGICAL_UNIT_RESET, 0,
                0x63, Pdu.NO_TAG, cmdSn, 0, 0, 0)).getFirst();
        assertThat(reset.response()).isEqualTo(TaskManagement.FUNCTION_COMPLETE);

        assertThat(service.sessions()).singleElement().satisfies(s -> {
            assertThat(s.initiator()).isEqualTo(INITIATOR);
            assertThat(s.target()).isEqualTo(TARGET);
        });
        LogoutResponse bye = (LogoutResponse) send(new LogoutRequest(true, 0, 0x70, 0, cmdSn, 0)).getFirst();
        assertThat(bye.response()).isZero();
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(directory.released.get()).isEqualTo(1);
    }

    @Test
    void discoverySendTargetsListsEveryTarget() {
        login("Discovery", "Yes");
        TextResponse r = (TextResponse) send(new TextRequest(true, true, false, 0, 0x80, Pdu.NO_TAG, cmdSn, 0,
                "SendTargets=All\0".getBytes())).getFirst();
        assertThat(r.fin()).isTrue();
        String text = new String(r.data());
        assertThat(text).contains("TargetName=" + TARGET + "\0TargetAddress=").contains("vdisk.b").contains(",1\0");
        // SCSI commands have no place in a discovery session.
        Pdu reject = send(new ScsiCommand(false, true, false, false, 1, 0, 0x81, 0, cmdSn, 0, new byte[16], Pdu.EMPTY))
                .getFirst();
        assertThat(reject).isInstanceOf(Pdu.Reject.class);
        assertThat(((Pdu.Reject) reject).data()).hasSize(48);
    }

    @Test
    void aPduBeforeLoginClosesTheConnection() {
        ch = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                service.initConnection(c);
            }
        });
        send(new NopOut(true, 0, 1, Pdu.NO_TAG, 1, 0, Pdu.EMPTY));
        assertThat(ch.isOpen()).isFalse();
    }
}
