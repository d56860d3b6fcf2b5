package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootProfileTest {

    private static final int CHUNK = 65536;

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000);

    private BootProfileRecorder recorder(int chunks, long maxBytes, Duration window) {
        return new BootProfileRecorder(new MemoryDevice(chunks * CHUNK), CHUNK, maxBytes, window, now::get);
    }

    @Test
    void recordsDistinctChunksInFirstReadOrder() throws Exception {
        BootProfileRecorder rec = recorder(100, Long.MAX_VALUE, Duration.ofMinutes(5));
        rec.read(5L * CHUNK + 10, ByteBuffer.allocate(CHUNK));
        rec.read(0, ByteBuffer.allocate(100));
        rec.read(5L * CHUNK, ByteBuffer.allocate(1));
        rec.read(99L * CHUNK, ByteBuffer.allocate(CHUNK));
        rec.write(50L * CHUNK, ByteBuffer.allocate(1));
        assertThat(rec.profile().chunks()).containsExactly(5, 6, 0, 99);
    }

    @Test
    void stopsAfterTheTimeWindow() throws Exception {
        BootProfileRecorder rec = recorder(100, Long.MAX_VALUE, Duration.ofSeconds(60));
        rec.read(CHUNK, ByteBuffer.allocate(1));
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        rec.read(2L * CHUNK, ByteBuffer.allocate(1));
        assertThat(rec.recording()).isFalse();
        rec.read(3L * CHUNK, ByteBuffer.allocate(1));
        assertThat(rec.profile().chunks()).containsExactly(1);
    }

    @Test
    void stopsAfterTheByteBudget() throws Exception {
        BootProfileRecorder rec = recorder(100, 3L * CHUNK, Duration.ofMinutes(5));
        rec.read(0, ByteBuffer.allocate(10 * CHUNK));
        assertThat(rec.profile().chunks()).containsExactly(0, 1, 2);
        assertThat(rec.recording()).isFalse();
    }

    @Test
    void rangesMergeAscendingRunsAndClipTheLastChunk() {
        BootProfile profile = new BootProfile(CHUNK, 10L * CHUNK - 100, new long[] {3, 4, 5, 0, 9, 8});
        assertThat(profile.toRanges()).containsExactly(new long[] {3L * CHUNK, 3L * CHUNK}, new long[] {0, CHUNK},
                new long[] {9L * CHUNK, CHUNK - 100}, new long[] {8L * CHUNK, CHUNK});
        assertThatThrownBy(() -> new BootProfile(CHUNK, CHUNK, new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codecRoundTripsAndIsCompact() throws Exception {
        long[] chunks = new long[5000];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = i % 2 == 0 ? i : 100_000 - i;
        }
        BootProfile profile = new BootProfile(CHUNK, 200_000L * CHUNK, chunks);
        byte[] bytes = BootProfileCodec.encode(profile);
        assertThat(BootProfileCodec.decode(bytes)).isEqualTo(profile);
        BootProfile forward = new BootProfile(CHUNK, 10_000L * CHUNK, java.util.stream.LongStream.range(0, 5000)
                .toArray());
        assertThat(BootProfileCodec.encode(forward)).hasSize(26 + 5000 + 4);
        Path file = dir.resolve("win11.profile");
        BootProfileCodec.save(profile, file);
        assertThat(BootProfileCodec.load(file)).isEqualTo(profile);
        assertThat(Files.exists(dir.resolve("win11.profile.tmp"))).isFalse();
    }

    @Test
    void goldenBytes() throws Exception {
        BootProfile profile = new BootProfile(512, 4096, new long[] {2, 1, 7});
        String hex = java.util.HexFormat.of().formatHex(BootProfileCodec.encode(profile));
        // magic, version 1, chunk 512, device 4096, count 3, deltas +2 -1 +6 zigzag = 04 01 0c, CRC
        assertThat(hex).startsWith("5342424f4f545000" + "0100" + "00020000" + "0010000000000000" + "03000000"
                + "04010c");
        assertThat(hex).hasSize((26 + 3 + 4) * 2);
    }

    @Test
    void decoderNamesWhatIsWrong() {
        byte[] good = BootProfileCodec.encode(new BootProfile(512, 4096, new long[] {2, 1, 7}));
        byte[] badMagic = good.clone();
        badMagic[0] = 0;
        assertThatThrownBy(() -> BootProfileCodec.decode(badMagic)).hasMessageContaining("bad magic");
        byte[] damaged = good.clone();
        damaged[27] ^= 1;
        assertThatThrownBy(() -> BootProfileCodec.decode(damaged)).hasMessageContaining("checksum");
        assertThatThrownBy(() -> BootProfileCodec.decode(new byte[5])).hasMessageContaining("too short");
        // A count claiming two billion entries is refused before anything is allocated.
        byte[] lying = withCrc(good, 22, Integer.MAX_VALUE);
        assertThatThrownBy(() -> BootProfileCodec.decode(lying)).hasMessageContaining("chunk count");
    }

    @Test
    void fuzzedProfilesDecodeOrFailCleanly() {
        java.util.Random random = new java.util.Random(42);
        byte[] good = BootProfileCodec.encode(new BootProfile(CHUNK, 1000L * CHUNK,
                new long[] {0, 1, 2, 500, 499, 999, 3, 10, 11, 12}));
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = good.clone();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 8));
            }
            // Re-seal half of them so mutations get past the checksum into the parser.
            if (random.nextBoolean() && bytes.length >= 30) {
                bytes = reseal(bytes);
            }
            try {
                BootProfile p = BootProfileCodec.decode(bytes);
                assertThat(p.chunkCount()).isLessThanOrEqualTo(bytes.length);
                decoded++;
            } catch (BootProfileCodec.BootProfileFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(decoded).isPositive();
    }

    private static byte[] withCrc(byte[] bytes, int intOffset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(intOffset, value);
        return reseal(copy);
    }

    private static byte[] reseal(byte[] bytes) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(copy.length - 4, (int) crc.getValue());
        return copy;
    }
}
