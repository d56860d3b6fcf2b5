package org.streamboot.server.iscsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.CachedDevice;
import org.streamboot.server.block.ForwardingBlockDevice;
import org.streamboot.server.block.MemoryDevice;
import org.streamboot.server.block.MemoryView;
import org.streamboot.server.block.ReadCache;
import org.streamboot.server.iscsi.Pdu.DataIn;
import org.streamboot.server.iscsi.Pdu.LoginRequest;
import org.streamboot.server.iscsi.Pdu.LoginResponse;
import org.streamboot.server.iscsi.Pdu.ScsiCommand;
import org.streamboot.server.iscsi.Pdu.TaskMgmtRequest;
import org.streamboot.server.iscsi.Pdu.TaskMgmtResponse;
import org.streamboot.server.scsi.BlockScsiTarget;
import org.streamboot.server.scsi.BlockTargetSettings;
import org.streamboot.server.scsi.ScsiRequest;
import org.streamboot.server.scsi.ScsiResult;
import org.streamboot.server.scsi.ScsiTarget;
import org.streamboot.server.scsi.SenseData;
import org.streamboot.testsupport.NettyLeakCheck;

/**
 * The commands of one connection run at once, and the barriers still hold: proved with latches
 * inside a fake logical unit, never with timing.
 */
class IscsiConcurrencyTest {

    private static final String TARGET = "iqn.2026-11.org.streamboot:vdisk.c";
    private static final String INITIATOR = "iqn.2026-11.org.streamboot:client.pc2";
    private static final long WAIT_SECONDS = 10;
    private final TargetLimits limits = new TargetLimits(8192, 8192, 8192, 1, false, true, 16, 1 << 20, 0, 0);
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private EmbeddedChannel ch;
    private int cmdSn = 1;

    @AfterEach
    void stop() {
        if (ch != null) {
            ch.finishAndReleaseAll();
        }
        workers.shutdownNow();
    }

    @Test
    void twoReadsOfOneConnectionAreInsideTheLogicalUnitAtOnce() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        ScsiTarget target = new FakeUnit() {
            @Override
            ScsiResult read(ScsiRequest r) throws InterruptedException {
                bothInside.countDown();
                // Commands run one at a time would leave the first one here until the wait ends.
                return bothInside.await(WAIT_SECONDS, TimeUnit.SECONDS) ? data(r) : failed();
            }
        };
        login(target, workers);
        sendOnly(read(0x10, 0));
        sendOnly(read(0x11, 8));
        List<Pdu> out = receiveUntil(pdus -> pdus.size() == 2);
        assertThat(out).allSatisfy(p -> {
            assertThat(p).isInstanceOf(DataIn.class);
            assertThat(((DataIn) p).statusPresent()).isTrue();
            assertThat(((DataIn) p).status()).isZero();
        });
        assertThat(out).extracting(p -> ((DataIn) p).itt()).containsExactlyInAnyOrder(0x10, 0x11);
        // StatSN is assigned on the event loop in the order responses leave.
        assertThat(((DataIn) out.get(1)).statSn()).isEqualTo(((DataIn) out.get(0)).statSn() + 1);
    }

    @Test
    void logicalUnitResetWaitsForTheCommandsBeforeIt() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        ScsiTarget target = new FakeUnit() {
            @Override
            ScsiResult read(ScsiRequest r) throws InterruptedException {
                inside.countDown();
                mayFinish.await(WAIT_SECONDS, TimeUnit.SECONDS);
                events.add("read done");
                return data(r);
            }

            @Override
            public void reset(String nexus) {
                events.add("reset");
            }
        };
        login(target, workers);
        sendOnly(read(0x20, 0));
        assertThat(inside.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        sendOnly(new TaskMgmtRequest(true, TaskManagement.LOGICAL_UNIT_RESET, 0, 0x21, Pdu.NO_TAG, cmdSn, 0, 0, 0));
        // The read is provably still inside the logical unit: the reset may not have reached it.
        ch.runPendingTasks();
        assertThat(drain()).isEmpty();
        assertThat(events).isEmpty();

        mayFinish.countDown();
        List<Pdu> out = receiveUntil(pdus -> !pdus.isEmpty());
        // The aborted read gets no answer (RFC 7143 4.2.3.3); the TMF answer follows it.
        assertThat(out).singleElement().isInstanceOfSatisfying(TaskMgmtResponse.class,
                r -> assertThat(r.response()).isEqualTo(TaskManagement.FUNCTION_COMPLETE));
        assertThat(events).containsExactly("read done", "reset");
    }

    @Test
    void aReadWhoseBytesAreInMemoryIsAnsweredWithoutAnotherThread() throws Exception {
        try (NettyLeakCheck leaks = NettyLeakCheck.paranoid()) {
            readFromMemoryOnTheEventLoop();
            ch.finishAndReleaseAll();
            ch = null;
            // The read's pooled buffer went back once its Data-In was encoded.
            leaks.assertNoLeaks();
        }
    }

    /**
     * A READ of blocks in the read cache goes out as views of the cache's chunks (segments both
     * below and above the encoder's copy threshold, crossing chunk boundaries), with the image's
     * bytes, on the event loop; every view is released once its writes are done.
     */
    @Test
    void aReadOfCachedBlocksIsSentFromTheCachesMemoryAndGivesItBack() throws Exception {
        byte[] image = new byte[256 * 1024];
        new java.util.Random(17).nextBytes(image);
        try (NettyLeakCheck leaks = NettyLeakCheck.paranoid(); ReadCache cache = new ReadCache(1 << 20, 4096, 1)) {
            CachedDevice layer = cache.wrap(new MemoryDevice(image, true), "base");
            layer.read(0, ByteBuffer.allocate(image.length));
            List<MemoryView> lent = new CopyOnWriteArrayList<>();
            BlockDevice lending = new ForwardingBlockDevice(layer) {
                @Override
                public MemoryView viewFromMemory(long offset, int length) throws java.io.IOException {
                    MemoryView view = super.viewFromMemory(offset, length);
                    lent.add(view);
                    return view;
                }
            };
            BlockScsiTarget target = new BlockScsiTarget(lending, BlockTargetSettings.forView("Test", "view", TARGET, 512));
            AtomicInteger handedOff = new AtomicInteger();
            login(target, task -> {
                handedOff.incrementAndGet();
                task.run();
            }, 65536);
            int afterLogin = handedOff.get();
            sendOnly(readBlocks(0x50, 5, 100)); // one 51,200-byte segment: sent as chunk views
            sendOnly(readBlocks(0x51, 131, 7)); // one 3,584-byte segment: copied into the frame
            List<Pdu> out = receiveUntil(pdus -> pdus.size() == 2);
            ByteBuffer first = ByteBuffer.wrap(((DataIn) out.get(0)).data());
            ByteBuffer second = ByteBuffer.wrap(((DataIn) out.get(1)).data());
            assertThat(first).isEqualTo(ByteBuffer.wrap(image, 5 * 512, 100 * 512));
            assertThat(second).isEqualTo(ByteBuffer.wrap(image, 131 * 512, 7 * 512));
            assertThat(handedOff.get()).as("answered on the event loop").isEqualTo(afterLogin);
            assertThat(lent).hasSize(2).doesNotContainNull();
            for (MemoryView view : lent) {
                assertThatThrownBy(view::retain).as("released after its write").isInstanceOf(IllegalStateException.class);
            }
            ch.finishAndReleaseAll();
            ch = null;
            leaks.assertNoLeaks();
        }
    }

    @Test
    void readsThatRunOnWorkersGiveTheirPooledBuffersBack() throws Exception {
        try (NettyLeakCheck leaks = NettyLeakCheck.paranoid()) {
            byte[] disk = new byte[64 * 1024];
            disk[8192 + 7] = 0x3c;
            BlockScsiTarget memory = new BlockScsiTarget(new MemoryDevice(disk, false),
                    BlockTargetSettings.forView("Test", "view", TARGET, 512));
            ScsiTarget diskOnly = new ScsiTarget() {
                @Override
                public ScsiResult execute(ScsiRequest r) {
                    return memory.execute(r); // no executeFromMemory: every read goes to a worker
                }
            };
            login(diskOnly, workers);
            for (int i = 0; i < 20; i++) {
                sendOnly(read(0x40 + i, 16));
            }
            List<Pdu> out = receiveUntil(pdus -> pdus.size() == 20);
            assertThat(out).allSatisfy(p -> assertThat(((DataIn) p).data()[7]).isEqualTo((byte) 0x3c));
            ch.finishAndReleaseAll();
            ch = null;
            leaks.assertNoLeaks();
        }
    }

    private void readFromMemoryOnTheEventLoop() throws Exception {
        byte[] disk = new byte[64 * 1024];
        disk[4096] = 0x5a;
        BlockScsiTarget target = new BlockScsiTarget(new MemoryDevice(disk, false),
                BlockTargetSettings.forView("Test", "view", TARGET, 512));
        AtomicInteger handedOff = new AtomicInteger();
        login(target, task -> {
            handedOff.incrementAndGet();
            task.run();
        });
        int afterLogin = handedOff.get();
        sendOnly(read(0x30, 8));
        List<Pdu> out = receiveUntil(pdus -> pdus.size() == 1);
        DataIn in = (DataIn) out.getFirst();
        assertThat(in.statusPresent()).isTrue();
        assertThat(in.data()).hasSize(4096);
        assertThat(in.data()[0]).isEqualTo((byte) 0x5a);
        assertThat(handedOff.get()).isEqualTo(afterLogin);
    }

    // ---- helpers ----

    private ScsiCommand readBlocks(int itt, int lba, int blocks) {
        byte[] cdb = ByteBuffer.allocate(16).put((byte) 0x28).put((byte) 0).putInt(lba).put((byte) 0)
                .putShort((short) blocks).array();
        return new ScsiCommand(false, true, true, false, 1, 0, itt, blocks * 512, cmdSn++, 0, cdb, Pdu.EMPTY);
    }

    private ScsiCommand read(int itt, int lba) {
        byte[] cdb = ByteBuffer.allocate(16).put((byte) 0x28).put((byte) 0).putInt(lba).put((byte) 0)
                .putShort((short) 8).array();
        return new ScsiCommand(false, true, true, false, 1, 0, itt, 4096, cmdSn++, 0, cdb, Pdu.EMPTY);
    }

    private void login(ScsiTarget target, java.util.concurrent.Executor executor) throws InterruptedException {
        login(target, executor, 8192);
    }

    private void login(ScsiTarget target, java.util.concurrent.Executor executor, int initiatorMaxRecv)
            throws InterruptedException {
        TargetDirectory directory = new TargetDirectory() {
            @Override
            public List<String> targetNames() {
                return List.of(TARGET);
            }

            @Override
            public Outcome open(String initiatorName, String targetName) {
                return new Granted(target);
            }
        };
        IscsiService service = new IscsiService(0, directory, limits, executor);
        ch = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                service.initConnection(c);
            }
        });
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("InitiatorName", INITIATOR);
        keys.put("SessionType", "Normal");
        keys.put("TargetName", TARGET);
        keys.put("MaxRecvDataSegmentLength", Integer.toString(initiatorMaxRecv));
        sendOnly(new LoginRequest(true, false, 1, 3, 0, 0, 0x400001370000L, 0, 0, 0, cmdSn, 0, TextKeys.format(keys)));
        LoginResponse r = (LoginResponse) receiveUntil(pdus -> !pdus.isEmpty()).getFirst();
        assertThat(r.status()).isZero();
    }

    private void sendOnly(Pdu pdu) {
        ch.writeInbound(Unpooled.wrappedBuffer(FrameTestSupport.frame(pdu, false, false)));
    }

    /** Runs the event loop's tasks until {@code done} holds for what was sent, or fails after a bound. */
    private List<Pdu> receiveUntil(Predicate<List<Pdu>> done) throws InterruptedException {
        List<Pdu> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!done.test(out)) {
            assertThat(System.nanoTime()).as("answers so far: %s", out).isLessThan(deadline);
            Thread.sleep(5);
            ch.runPendingTasks();
            out.addAll(drain());
        }
        return out;
    }

    private List<Pdu> drain() {
        List<Pdu> out = new ArrayList<>();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.add(FrameTestSupport.decodeOutbound(b));
        }
        return out;
    }

    /** A logical unit that answers every command GOOD and hands READ (10) to {@link #read}. */
    private abstract static class FakeUnit implements ScsiTarget {
        @Override
        public ScsiResult execute(ScsiRequest r) {
            if (r.opcode() != 0x28) {
                return ScsiResult.good();
            }
            try {
                return read(r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed();
            }
        }

        abstract ScsiResult read(ScsiRequest r) throws InterruptedException;

        static ScsiResult data(ScsiRequest r) {
            return ScsiResult.good(ByteBuffer.allocate(4096));
        }

        static ScsiResult failed() {
            return ScsiResult.checkCondition(SenseData.of(SenseData.ABORTED_COMMAND, 0, 0));
        }
    }
}
