package org.streamboot.server.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of valid packets: the decoder either returns a packet that encodes
 * back to the same bytes (modulo case folding) or throws its own {@link TftpDecodeException};
 * nothing else escapes it.
 */
class TftpCodecFuzzTest {

    private static final long SEED = 0x7F7B_2024L;
    private static final int ROUNDS = 20_000;

    @Test
    void mutatedPacketsNeverEscapeTheDecodersOwnException() {
        Random random = new Random(SEED);
        List<byte[]> seeds = seeds();
        int decoded = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                TftpPacket packet = TftpCodec.decode(Unpooled.wrappedBuffer(input));
                decoded++;
                ByteBuf again = TftpCodec.encode(packet, UnpooledByteBufAllocator.DEFAULT);
                try {
                    assertThat(again.readableBytes())
                            .as("re-encoded length of %s", HexFormat.of().formatHex(input))
                            .isEqualTo(input.length);
                } finally {
                    again.release();
                }
            } catch (TftpDecodeException expected) {
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("decoder threw " + e + " for " + HexFormat.of().formatHex(input), e);
            }
        }
        // Both outcomes must really occur, or the mutations are not exploring anything.
        assertThat(decoded).isGreaterThan(ROUNDS / 20);
        assertThat(refused).isGreaterThan(ROUNDS / 20);
    }

    private static List<byte[]> seeds() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("blksize", "1428");
        options.put("tsize", "0");
        options.put("windowsize", "4");
        List<TftpPacket> packets = List.of(
                new TftpPacket.Rrq("undionly.kpxe", "octet", options),
                new TftpPacket.Wrq("x", "netascii", Map.of()),
                new TftpPacket.Data(7, ByteBuffer.wrap(new byte[] {1, 2, 3, 0, 5})),
                new TftpPacket.Ack(65535),
                new TftpPacket.Error(8, "declined"),
                new TftpPacket.Oack(options));
        List<byte[]> out = new ArrayList<>();
        for (TftpPacket p : packets) {
            ByteBuf buf = TftpCodec.encode(p, UnpooledByteBufAllocator.DEFAULT);
            out.add(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        return out;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            switch (random.nextInt(5)) {
                case 0 -> { // flip a byte
                    if (bytes.length > 0) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> { // truncate
                    bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                }
                case 2 -> { // insert a NUL or a random byte
                    int at = random.nextInt(bytes.length + 1);
                    byte[] grown = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, grown, 0, at);
                    grown[at] = random.nextBoolean() ? 0 : (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, grown, at + 1, bytes.length - at);
                    bytes = grown;
                }
                case 3 -> { // change the opcode
                    if (bytes.length >= 2) {
                        bytes[0] = 0;
                        bytes[1] = (byte) random.nextInt(8);
                    }
                }
                default -> { // append junk, sometimes a lot
                    int extra = random.nextInt(10) == 0 ? 600 + random.nextInt(1000) : random.nextInt(8);
                    byte[] grown = java.util.Arrays.copyOf(bytes, bytes.length + extra);
                    for (int j = bytes.length; j < grown.length; j++) {
                        grown[j] = (byte) random.nextInt(256);
                    }
                    bytes = grown;
                }
            }
        }
        return bytes;
    }
}
