package org.streamboot.server.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.nbd.NbdChannelHarness.request;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.streamboot.testsupport.NettyLeakCheck;

/**
 * Seeded random mutations of whole client byte streams (client flags, options, GO, requests)
 * fed in random pieces through decoder and handler, and of INFO/GO option data fed to the
 * session. Nothing may escape as an unexpected exception, every inbound buffer must be
 * released, and the connection either carries on or is closed. Netty's leak detector runs at
 * PARANOID meanwhile, and a leak it reports fails the test.
 */
class NbdFuzzTest {

    private static final long SEED = 0x4E_42_44_2025L;
    private static final String OPT = "49484156454f5054";

    @Test
    void mutatedClientStreamsNeverCrashTheHandlerOrLeakBuffers() {
        try (NettyLeakCheck leaks = NettyLeakCheck.paranoid()) {
            mutatedClientStreams();
            leaks.assertNoLeaks();
        }
    }

    private void mutatedClientStreams() {
        Random random = new Random(SEED);
        List<byte[]> seeds = seeds();
        int closed = 0;
        int stillOpen = 0;
        for (int round = 0; round < 3_000; round++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            NbdChannelHarness h = new NbdChannelHarness();
            List<ByteBuf> sent = new ArrayList<>();
            try {
                int at = 0;
                while (at < input.length && h.channel.isOpen()) {
                    int n = 1 + random.nextInt(Math.min(64, input.length - at));
                    // From the default allocator, so that the leak detector tracks the inbound pieces too.
                    ByteBuf piece = ByteBufAllocator.DEFAULT.heapBuffer(n).writeBytes(input, at, n);
                    sent.add(piece);
                    h.send(piece);
                    h.runAll();
                    at += n;
                }
                h.output();
                if (h.channel.isOpen()) {
                    stillOpen++;
                } else {
                    closed++;
                }
                h.channel.close();
                h.runAll();
                h.output();
                h.channel.checkException();
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("round " + round + " input " + HexFormat.of().formatHex(input), e);
            }
            assertThat(h.counters.snapshot().unexpectedErrors()).as("unexpected errors, input %s",
                    HexFormat.of().formatHex(input)).isZero();
            for (ByteBuf piece : sent) {
                assertThat(piece.refCnt()).as("inbound buffer released").isZero();
            }
            h.handedOut.forEach(d -> assertThat(d.closed()).as("device closed").isTrue());
        }
        // Both outcomes must occur, or the mutations explore nothing.
        assertThat(closed).isGreaterThan(100);
        assertThat(stillOpen).isGreaterThan(100);
    }

    @Test
    void randomInfoAndGoDataGetAnAnswerNeverAnException() {
        Random random = new Random(SEED + 1);
        int opened = 0;
        int refused = 0;
        for (int round = 0; round < 20_000; round++) {
            NbdSession session = new NbdSession();
            session.clientFlags(3);
            byte[] data = goData(random);
            if (random.nextBoolean()) {
                data = mutate(data, random);
            }
            int option = random.nextBoolean() ? NbdProtocol.OPT_GO : NbdProtocol.OPT_INFO;
            NbdSession.Step step = session.option(NbdInbound.OptionRequest.of(option, data));
            switch (step) {
                case NbdSession.Open open -> {
                    opened++;
                    assertThat(open.infoRequests().size()).isLessThanOrEqualTo((data.length - 6) / 2);
                }
                case NbdSession.Reply reply -> {
                    refused++;
                    assertThat(reply.replies()).singleElement().satisfies(r -> assertThat(r.type())
                            .isEqualTo(NbdProtocol.REP_ERR_INVALID));
                }
                default -> throw new AssertionError("unexpected step " + step);
            }
        }
        assertThat(opened).isGreaterThan(100);
        assertThat(refused).isGreaterThan(100);
    }

    private static List<byte[]> seeds() {
        String go = OPT + "00000007 0000000c 00000002 7277 0003 0001 0002 0003";
        String transmission = request(0, 1, 1, 0, 8) + "0102030405060708" + request(0, 0, 2, 0, 16)
                + request(1, 4, 3, 8, 8) + request(0, 3, 4, 0, 0) + request(2, 6, 5, 0, 4) + request(0, 2, 6, 0, 0);
        return List.of(
                hex("00000003" + OPT + "00000008 00000000" + go + transmission),
                hex("00000003" + OPT + "00000003 00000000" + OPT + "00000006 00000008 00000002 726f 0000" + go + transmission),
                hex("00000001" + OPT + "00000001 00000002 7277" + transmission),
                hex("00000003" + OPT + "00000002 00000000"),
                hex("00000003" + OPT + "0000abcd 00000004 01020304" + go + request(0, 0, 7, 0xffff, 2)));
    }

    /** Valid INFO/GO data: name length, name, request count, requests. */
    private static byte[] goData(Random random) {
        byte[] name = new byte[random.nextInt(9)];
        random.nextBytes(name);
        int count = random.nextInt(4);
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(4 + name.length + 2 + 2 * count)
                .putInt(name.length).put(name).putShort((short) count);
        for (int i = 0; i < count; i++) {
            data.putShort((short) random.nextInt(5));
        }
        return data.array();
    }

    private static byte[] hex(String spaced) {
        return NbdChannelHarness.hex(spaced);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] out = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> out = java.util.Arrays.copyOf(out, Math.max(1, at));
                default -> out[at] = (byte) (random.nextBoolean() ? 0 : 0xff);
            }
        }
        return out;
    }
}
