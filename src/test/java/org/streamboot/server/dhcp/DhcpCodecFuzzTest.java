package org.streamboot.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of real-looking packets: the decoder must either decode or throw
 * {@link MalformedPacketException}, and whatever it decodes must encode and decode to the same.
 */
class DhcpCodecFuzzTest {

    private static final long SEED = 0x5eedd4c9L;
    private static final int ROUNDS = 20_000;

    @Test
    void decoderSurvivesMutatedPackets() {
        byte[][] seeds = {HexFixtures.load("pxe-bios-discover.hex"), HexFixtures.load("ipxe-discover.hex"),
                HexFixtures.load("uefi-x64-discover.hex"), DhcpCodecTest.withOptions(53, 1, 1, 52, 1, 3, 255)};
        Random random = new Random(SEED);
        int decoded = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = mutate(seeds[random.nextInt(seeds.length)], random);
            try {
                DhcpPacket p = DhcpCodec.decode(input);
                decoded++;
                assertThat(DhcpCodec.decode(DhcpCodec.encode(p))).isEqualTo(p);
            } catch (MalformedPacketException e) {
                refused++;
            } catch (RuntimeException e) {
                fail("round " + round + " threw " + e + " for " + java.util.HexFormat.of().formatHex(input), e);
            }
        }
        // Both outcomes must really occur, or the mutations are not exercising the decoder.
        assertThat(decoded).isGreaterThan(ROUNDS / 10);
        assertThat(refused).isGreaterThan(ROUNDS / 10);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                // Truncate anywhere, including inside the fixed header.
                b = Arrays.copyOf(b, random.nextInt(b.length + 1));
            }
            case 1 -> {
                // Flip bytes in the options area (lengths and codes).
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips && b.length > 240; i++) {
                    b[240 + random.nextInt(b.length - 240)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> {
                // Overload bits with random bytes in sname/file.
                b[240] = 52;
                b[241] = 1;
                b[242] = (byte) random.nextInt(5);
                for (int i = 44; i < 236; i++) {
                    b[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : b[i]);
                }
            }
            case 3 -> {
                // Append garbage after the end.
                int extra = random.nextInt(300);
                b = Arrays.copyOf(b, b.length + extra);
                for (int i = seed.length; i < b.length; i++) {
                    b[i] = (byte) random.nextInt(256);
                }
            }
            default -> {
                // Anything anywhere, hlen and cookie included.
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return b;
    }
}
