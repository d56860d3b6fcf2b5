package org.streamboot.server.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.streamboot.server.nbd.NbdChannelHarness.request;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.streamboot.testsupport.NettyLeakCheck;

/**
 * Reads whose bytes are in RAM are answered on the event loop, flushed once per batch; reads
 * that need the disk still go to the executor and come back through one drained queue.
 */
class NbdInlineReadTest {

    private static final int READ = 0;

    private static String x(String spaced) {
        return spaced.replaceAll("[\\s|]", "");
    }

    @Test
    void aReadFromRamNeedsNoExecutorTask() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("mem", false);
        h.send(request(0, READ, 7, 0xfc, 8));
        assertThat(h.tasks).isEmpty();
        assertThat(h.outputHex()).isEqualTo(x("67446698 00000000 0000000000000007 | fcfdfeff00010203"));
        assertThat(h.counters.snapshot().bytesRead()).isEqualTo(8);
    }

    /**
     * Large reads of bytes in the read cache are sent as views of its chunks, and each view goes
     * back once written; small ones are copied (cheaper than a composite buffer).
     */
    @Test
    void aLargeReadFromTheReadCacheIsSentFromItsChunksAndGivesThemBack() {
        try (NettyLeakCheck leaks = NettyLeakCheck.paranoid()) {
            NbdChannelHarness h = new NbdChannelHarness();
            h.negotiate("cached", false);
            h.send(request(0, READ, 7, 500, 30) + request(0, READ, 8, 1000, 20_000));
            assertThat(h.tasks).isEmpty();
            assertThat(h.outputHex()).isEqualTo(x("67446698 00000000 0000000000000007") + pattern(500, 30)
                    + x("67446698 00000000 0000000000000008") + pattern(1000, 20_000));
            assertThat(h.lent).as("only the large read was lent the cache's memory").hasSize(1).doesNotContainNull();
            assertThatThrownBy(h.lent.getFirst()::retain).as("released once written")
                    .isInstanceOf(IllegalStateException.class);
            h.channel.finishAndReleaseAll();
            h.cache.close();
            leaks.assertNoLeaks();
        }
    }

    /** Hex of the harness's pattern (byte i is i mod 256) from {@code offset}. */
    private static String pattern(int offset, int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = offset; i < offset + length; i++) {
            hex.append(String.format("%02x", i & 0xff));
        }
        return hex.toString();
    }

    @Test
    void repliesOfOneBatchAreFlushedTogetherAfterTheBatch() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("mem", true);
        String three = request(0, READ, 1, 0, 2) + request(0, READ, 2, 2, 2) + request(0, READ, 3, 4, 2);
        AtomicInteger flushes = new AtomicInteger();
        h.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }
        });
        h.channel.writeInbound(Unpooled.wrappedBuffer(NbdChannelHarness.hex(three)));
        h.channel.runPendingTasks();
        assertThat(flushes).as("one flush (one write syscall) for the three replies").hasValue(1);
        assertThat(h.outputHex()).isEqualTo(x(
                "668e33ef 0001 0001 0000000000000001 0000000a 0000000000000000 0001"
                        + "668e33ef 0001 0001 0000000000000002 0000000a 0000000000000002 0203"
                        + "668e33ef 0001 0001 0000000000000003 0000000a 0000000000000004 0405"));
    }

    @Test
    void readsThatNeedTheDiskFinishThroughTheExecutorInCompletionOrder() {
        NbdChannelHarness h = new NbdChannelHarness();
        h.negotiate("ro", false);
        h.send(request(0, READ, 1, 0, 1) + request(0, READ, 2, 1, 1) + request(0, READ, 3, 2, 1));
        assertThat(h.tasks).hasSize(3);
        // The executor finishes all three before the event loop gets to run: one drain answers them.
        h.tasks.pollLast().run();
        h.tasks.pollLast().run();
        h.tasks.pollLast().run();
        h.channel.runPendingTasks();
        assertThat(h.outputHex()).isEqualTo(x("67446698 00000000 0000000000000003 02"
                + "67446698 00000000 0000000000000002 01" + "67446698 00000000 0000000000000001 00"));
    }
}
