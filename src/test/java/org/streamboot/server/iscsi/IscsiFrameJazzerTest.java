package org.streamboot.server.iscsi;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.streamboot.testsupport.NettyLeakCheck;

/**
 * Coverage-guided fuzzing of the iSCSI frame decoder with Jazzer: a byte stream cut into
 * fuzzer-chosen pieces, with or without digests. The decoder yields PDUs or a FrameError and
 * never throws, never passes its data limit, and releases every buffer. Netty's leak detector
 * runs at PARANOID for the whole run; a leak it reports fails the test at the end.
 */
class IscsiFrameJazzerTest {

    private static NettyLeakCheck leaks;

    @BeforeAll
    static void paranoidLeakDetection() {
        leaks = NettyLeakCheck.paranoid();
    }

    @AfterAll
    static void noLeaks() {
        try {
            leaks.assertNoLeaks();
        } finally {
            leaks.close();
        }
    }

    @FuzzTest(maxDuration = "20s")
    void framesDecodeOrFailCleanly(FuzzedDataProvider data) {
        boolean digests = data.consumeBoolean();
        IscsiFrameDecoder decoder = new IscsiFrameDecoder();
        if (digests) {
            decoder.enterFullFeaturePhase(4096, true, true);
        }
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<ByteBuf> chunks = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            byte[] piece = data.consumeBytes(data.consumeInt(1, 200));
            if (piece.length == 0) {
                continue; // Unpooled.EMPTY_BUFFER is never released: it would read as a leak
            }
            ByteBuf chunk = ByteBufAllocator.DEFAULT.heapBuffer(piece.length).writeBytes(piece);
            chunks.add(chunk);
            channel.writeInbound(chunk);
        }
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            if (o instanceof Pdu pdu && pdu.data().length > IscsiFrameDecoder.LOGIN_LIMIT) {
                throw new IllegalStateException("data segment of " + pdu.data().length + " bytes passed the limit");
            }
        }
        channel.finishAndReleaseAll();
        for (ByteBuf chunk : chunks) {
            if (chunk.refCnt() != 0) {
                throw new IllegalStateException("an inbound buffer was not released");
            }
        }
    }
}
