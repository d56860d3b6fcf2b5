package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process crash: a child JVM writes and flushes through an overlay and is killed with
 * SIGKILL at a random moment, fifteen times over the same overlay. After each kill the overlay
 * must open, every write the child reported flushed must read back, and the one write that may
 * have been in flight must have left each of its bytes either old or new.
 */
class CowOverlayKillTest {

    private static final int SIZE = 8 << 20;
    private static final int ROUNDS = 15;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyFlushedWriteSurvivesKillNine() throws Exception {
        byte[] model = TestImages.randomBytes(SIZE, 99);
        Path base = TestImages.writeImage(dir, "base.raw", model);
        Path overlayDir = dir.resolve("overlay");
        Random random = new Random(20261117);
        long totalFlushed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long seed = 1000 + round;
            List<long[]> flushed = runAndKill(overlayDir, base, seed, 50 + random.nextInt(400));
            totalFlushed += flushed.size();
            for (long[] f : flushed) {
                OverlayCrashWriter.Write w = OverlayCrashWriter.Write.of(seed, f[0], SIZE);
                assertThat(w.offset()).isEqualTo(f[1]);
                System.arraycopy(w.bytes(), 0, model, (int) w.offset(), w.bytes().length);
            }
            OverlayCrashWriter.Write inFlight = OverlayCrashWriter.Write.of(seed, flushed.size(), SIZE);
            try (RawImage raw = RawImage.open(base); CowOverlay overlay = CowOverlay.open(overlayDir, raw, Long.MAX_VALUE)) {
                byte[] actual = TestImages.readAll(overlay);
                checkRound(round, model, actual, inFlight);
                // The in-flight write's bytes are now whatever the disk kept: carry them on.
                System.arraycopy(actual, (int) inFlight.offset(), model, (int) inFlight.offset(), inFlight.bytes().length);
            }
        }
        assertBaseUnchanged(base);
        assertThat(totalFlushed).as("the child got writes flushed before being killed").isGreaterThan(ROUNDS);
    }

    private static void checkRound(int round, byte[] model, byte[] actual, OverlayCrashWriter.Write inFlight) {
        int from = (int) inFlight.offset();
        int to = from + inFlight.bytes().length;
        for (int i = 0; i < model.length; i++) {
            if (actual[i] == model[i]) {
                continue;
            }
            boolean newByte = i >= from && i < to && actual[i] == inFlight.bytes()[i - from];
            assertThat(newByte).as("round %d: byte %d reads %d; flushed content is %d (in-flight write covers %d..%d)",
                    round, i, actual[i], model[i], from, to).isTrue();
        }
    }

    private void assertBaseUnchanged(Path base) throws IOException {
        assertThat(Files.readAllBytes(base)).isEqualTo(TestImages.randomBytes(SIZE, 99));
    }

    /**
     * Starts the writer, lets it run about {@code millis} after it opened, kills it, and returns
     * the writes it reported flushed. Its output goes to a file, read once the process is dead:
     * reading a pipe while the JDK drains it at process exit can lose lines.
     */
    private List<long[]> runAndKill(Path overlayDir, Path base, long seed, int millis) throws Exception {
        Path log = dir.resolve("writer-" + seed + ".out");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classPath(), OverlayCrashWriter.class.getName(), overlayDir.toString(), base.toString(), Long.toString(seed));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(log, StandardCharsets.US_ASCII).startsWith("open\n")) {
                assertThat(child.isAlive()).as("the writer runs").isTrue();
                assertThat(System.nanoTime()).as("the writer opened the overlay in time").isLessThan(deadline);
                Thread.sleep(10);
            }
            Thread.sleep(millis);
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close, no final flush
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            return parse(Files.readAllLines(log, StandardCharsets.US_ASCII));
        } finally {
            child.destroyForcibly();
        }
    }

    /** "index offset length" lines after "open"; a last line cut by the kill proves nothing and is left out. */
    private static List<long[]> parse(List<String> lines) {
        List<long[]> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(" ");
            if (parts.length != 3) {
                break;
            }
            long[] entry = {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
            assertThat(entry[0]).as("the writer reports its writes in order").isEqualTo(out.size());
            out.add(entry);
        }
        return out;
    }

    /** target/classes, target/test-classes and the runtime dependencies the build listed. */
    private static String classPath() throws IOException {
        Path deps = Path.of("target", "runtime-classpath.txt");
        String libs = Files.exists(deps) ? Files.readString(deps).strip() : "";
        return Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath() + (libs.isEmpty() ? "" : File.pathSeparator + libs);
    }
}
