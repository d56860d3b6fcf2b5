package org.streamboot.server.iscsi;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.streamboot.testsupport.NettyLeakCheck;

/**
 * Seeded random mutations of valid PDU streams: the decoder yields PDUs or one FrameError,
 * never throws, never allocates past its limit, and releases every buffer (Netty's leak
 * detector runs at PARANOID and a leak it reports fails the test); the text parser either
 * parses or throws IllegalArgumentException.
 */
class IscsiDecoderFuzzTest {

    private static final Pdu[] SEEDS = {
        new Pdu.NopOut(true, 0, 1, Pdu.NO_TAG, 1, 1, "ping".getBytes()),
        new Pdu.LoginRequest(true, false, 0, 1, 0, 0, 0x400001370000L, 0, 1, 0, 1, 0,
                TextKeys.format(Map.of("InitiatorName", "iqn.2026-11.org.example:a", "AuthMethod", "None"))),
        new Pdu.ScsiCommand(false, true, false, true, 1, 0, 3, 1024, 2, 1, new byte[] {0x2a, 0, 0, 0, 0, 1, 0, 0, 2, 0},
                new byte[512]),
        new Pdu.DataOut(true, 0, 3, 9, 1, 0, 512, new byte[512]),
        new Pdu.TextRequest(false, true, false, 0, 4, Pdu.NO_TAG, 3, 1, "SendTargets=All\0".getBytes()),
    };

    @Test
    void mutatedStreamsDecodeOrFailCleanly() {
        try (NettyLeakCheck leaks = NettyLeakCheck.paranoid()) {
            mutatedStreams();
            leaks.assertNoLeaks();
        }
    }

    private void mutatedStreams() {
        Random random = new Random(0x15c51);
        int pdus = 0;
        int errors = 0;
        for (int round = 0; round < 5000; round++) {
            boolean digests = random.nextBoolean();
            byte[] stream = stream(random, digests);
            mutate(stream, random);
            IscsiFrameDecoder decoder = new IscsiFrameDecoder();
            if (digests) {
                decoder.enterFullFeaturePhase(4096, true, true);
            }
            EmbeddedChannel ch = new EmbeddedChannel(decoder);
            java.util.List<ByteBuf> chunks = new java.util.ArrayList<>();
            int at = 0;
            while (at < stream.length) {
                int n = Math.min(stream.length - at, 1 + random.nextInt(100));
                // From the default allocator, so that the leak detector tracks the inbound chunks too.
                ByteBuf chunk = ByteBufAllocator.DEFAULT.heapBuffer(n).writeBytes(stream, at, n);
                chunks.add(chunk);
                ch.writeInbound(chunk);
                at += n;
            }
            for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
                if (o instanceof FrameError) {
                    errors++;
                } else {
                    Pdu pdu = (Pdu) o;
                    assertThat(pdu.data().length).isLessThanOrEqualTo(IscsiFrameDecoder.LOGIN_LIMIT);
                    pdus++;
                    try {
                        TextKeys.parse(pdu.data());
                    } catch (IllegalArgumentException expected) {
                        // malformed text is the caller's protocol error, not a crash
                    }
                }
            }
            ch.finishAndReleaseAll();
            assertThat(chunks).allMatch(c -> c.refCnt() == 0);
        }
        assertThat(pdus).isGreaterThan(1000);
        assertThat(errors).isGreaterThan(100);
    }

    private static byte[] stream(Random random, boolean digests) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            out.writeBytes(FrameTestSupport.frame(SEEDS[random.nextInt(SEEDS.length)], digests, digests));
        }
        return out.toByteArray();
    }

    private static void mutate(byte[] b, Random random) {
        int flips = random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                default -> b[at] = (byte) 0xff;
            }
        }
    }
}
