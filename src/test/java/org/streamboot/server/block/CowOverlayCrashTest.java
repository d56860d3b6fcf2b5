package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes simulated by copying the overlay's files at chosen moments and opening the copies:
 * a flushed byte must survive every crash point, an unflushed one may or may not, and the
 * overlay must always open.
 */
class CowOverlayCrashTest {

    private static final int BS = CowOverlay.BLOCK_SIZE;
    private static final int SIZE = 96 * BS + 100;

    @TempDir
    Path dir;

    /** The files and the content the client saw at one moment. */
    private record Moment(byte[] data, byte[] map, byte[] content) {
    }

    @Test
    void processCrashAfterUnflushedWritesKeepsEveryFlushedByte() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            Scenario s = new Scenario(seed);
            // A process crash keeps what reached the page cache: data as of the crash, map as
            // of the last flush (the map is only ever written by flush).
            assertThat(s.unflushed.map()).as("map changes only in flush").isEqualTo(s.flushed.map());
            checkRecovered(s, s.unflushed.data(), s.flushed.map(), "seed " + seed + " process crash");
            // A power cut may also lose the unflushed data writes.
            checkRecovered(s, s.flushed.data(), s.flushed.map(), "seed " + seed + " power cut");
            try (CowOverlay overlay = openCopy(s, s.flushed.data(), s.flushed.map(), "seed " + seed + " exact")) {
                TestImages.assertSameBytes(TestImages.readAll(overlay), s.flushed.content(), "state at the flush");
            }
        }
    }

    @Test
    void tornMapWriteKeepsEveryFlushedByte() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            Scenario s = new Scenario(seed);
            Random random = new Random(seed);
            byte[] newMap = s.secondFlush.map();
            byte[] oldMap = s.flushed.map();
            assertThat(newMap).isNotEqualTo(oldMap);
            // A torn write: a prefix of the new pages, or any mix of old and new bytes.
            int cut = OverlayMapHeader.LENGTH + random.nextInt(newMap.length - OverlayMapHeader.LENGTH);
            byte[] prefix = oldMap.clone();
            System.arraycopy(newMap, 0, prefix, 0, cut);
            checkTorn(s, prefix, "seed " + seed + " torn at " + cut);
            byte[] mixed = oldMap.clone();
            for (int i = OverlayMapHeader.LENGTH; i < mixed.length; i++) {
                if (random.nextBoolean()) {
                    mixed[i] = newMap[i];
                }
            }
            checkTorn(s, mixed, "seed " + seed + " mixed");
        }
    }

    @Test
    void crashWhileCreatingLeavesNoHalfOverlay() throws Exception {
        byte[] baseContent = TestImages.randomBytes(SIZE, 3);
        try (RawImage base = RawImage.open(TestImages.writeImage(dir, "base.img", baseContent))) {
            Path overlayDir = Files.createDirectories(dir.resolve("half"));
            // Crash after the data file and a partial temporary map were written, before the rename.
            Files.write(overlayDir.resolve(CowOverlay.DATA_FILE), new byte[10]);
            Files.write(overlayDir.resolve(CowOverlay.MAP_FILE + ".tmp"), new byte[] {1, 2, 3});
            try (CowOverlay overlay = CowOverlay.open(overlayDir, base, Long.MAX_VALUE)) {
                TestImages.assertSameBytes(TestImages.readAll(overlay), baseContent, "recreated overlay");
            }
        }
    }

    private void checkRecovered(Scenario s, byte[] data, byte[] map, String label) throws IOException {
        try (CowOverlay overlay = openCopy(s, data, map, label)) {
            byte[] seen = TestImages.readAll(overlay);
            s.history.check(seen, label);
        }
    }

    private void checkTorn(Scenario s, byte[] map, String label) throws IOException {
        try (CowOverlay overlay = openCopy(s, s.secondFlush.data(), map, label)) {
            s.history.check(TestImages.readAll(overlay), label);
        }
    }

    private CowOverlay openCopy(Scenario s, byte[] data, byte[] map, String label) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("crash-" + label.replaceAll("\\W", "_")));
        Files.write(copy.resolve(CowOverlay.DATA_FILE), data);
        Files.write(copy.resolve(CowOverlay.MAP_FILE), map);
        return CowOverlay.open(copy, s.base, Long.MAX_VALUE);
    }

    /**
     * For every byte, the values it held from the first flush on. After a crash before a flush
     * completed, a byte untouched since the flush must hold its flushed value; a touched byte
     * may hold any value it had since (a disk with a volatile cache gives the same promise:
     * unflushed writes, including ones later overwritten or trimmed, may or may not persist).
     */
    private static final class History {
        private final byte[] flushed;
        private final BitSet touched = new BitSet(SIZE);
        private final long[] allowed = new long[SIZE * 4];

        History(byte[] flushed) {
            this.flushed = flushed.clone();
            for (int i = 0; i < SIZE; i++) {
                allow(i, flushed[i]);
            }
        }

        void record(byte[] model, int from, int to) {
            touched.set(from, to);
            for (int i = from; i < to; i++) {
                allow(i, model[i]);
            }
        }

        void check(byte[] seen, String label) {
            for (int i = 0; i < SIZE; i++) {
                if (!touched.get(i) && seen[i] != flushed[i]) {
                    throw new AssertionError(label + ": flushed byte " + i + " lost");
                }
                int v = seen[i] & 0xFF;
                if ((allowed[i * 4 + v / 64] & (1L << (v % 64))) == 0) {
                    throw new AssertionError(label + ": byte " + i + " holds " + v + ", a value it never had");
                }
            }
        }

        private void allow(int i, byte value) {
            int v = value & 0xFF;
            allowed[i * 4 + v / 64] |= 1L << (v % 64);
        }
    }

    /** Writes and flushes a first batch, then writes more; captures the files at each step. */
    private final class Scenario {
        final RawImage base;
        final Moment flushed;
        final Moment unflushed;
        final Moment secondFlush;
        History history;

        Scenario(long seed) throws IOException {
            byte[] baseContent = TestImages.randomBytes(SIZE, seed);
            base = RawImage.open(TestImages.writeImage(dir, "base" + seed + ".img", baseContent));
            Path live = dir.resolve("live" + seed);
            Random random = new Random(seed);
            byte[] model = baseContent.clone();
            try (CowOverlay overlay = CowOverlay.open(live, base, Long.MAX_VALUE)) {
                randomOps(overlay, model, random, 60, null);
                overlay.flush();
                flushed = capture(live, model);
                history = new History(model);
                randomOps(overlay, model, random, 60, history);
                unflushed = capture(live, model);
                overlay.flush();
                secondFlush = capture(live, model);
            }
        }

        private Moment capture(Path live, byte[] model) throws IOException {
            return new Moment(Files.readAllBytes(live.resolve(CowOverlay.DATA_FILE)),
                    Files.readAllBytes(live.resolve(CowOverlay.MAP_FILE)), model.clone());
        }
    }

    private static void randomOps(CowOverlay overlay, byte[] model, Random random, int count, History history)
            throws IOException {
        for (int i = 0; i < count; i++) {
            int offset = random.nextInt(SIZE);
            int length = Math.min(SIZE - offset, 1 + random.nextInt(3 * BS));
            if (random.nextInt(5) == 0) {
                overlay.trim(offset, length);
                Arrays.fill(model, offset, offset + length, (byte) 0);
            } else {
                byte[] data = new byte[length];
                random.nextBytes(data);
                overlay.write(offset, ByteBuffer.wrap(data));
                System.arraycopy(data, 0, model, offset, length);
            }
            if (history != null) {
                history.record(model, offset, offset + length);
            }
        }
    }
}
