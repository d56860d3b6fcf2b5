package org.streamboot.server.block;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;

/**
 * The child process of {@link CowOverlayKillTest}: writes through a {@link CowOverlay} over a
 * {@link RawImage} for ever, flushing after every write and only then printing
 * {@code index offset length}. Write {@code i} is a pure function of (seed, i), so the parent
 * knows exactly which write may have been in flight when it killed this process.
 *
 * <p>Arguments: overlay directory, base image, seed.
 */
public final class OverlayCrashWriter {

    private OverlayCrashWriter() {
    }

    /** One write of the sequence. */
    record Write(long offset, byte[] bytes) {

        static Write of(long seed, long index, long deviceSize) {
            Random random = new Random(seed * 1_000_003L + index);
            // Mix small unaligned writes, whole blocks and multi-block runs: each takes another
            // path through the overlay (merge with the lower block, in place, fresh blocks).
            int length = switch (random.nextInt(3)) {
                case 0 -> 1 + random.nextInt(700);
                case 1 -> CowOverlay.BLOCK_SIZE;
                default -> CowOverlay.BLOCK_SIZE * (1 + random.nextInt(6)) + random.nextInt(100);
            };
            long offset = random.nextInt(3) == 1
                    ? random.nextLong((deviceSize - length) / CowOverlay.BLOCK_SIZE) * CowOverlay.BLOCK_SIZE
                    : random.nextLong(deviceSize - length);
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return new Write(offset, bytes);
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path base = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(System.out, true);
        try (RawImage raw = RawImage.open(base); CowOverlay overlay = CowOverlay.open(dir, raw, Long.MAX_VALUE)) {
            out.println("open");
            for (long i = 0; ; i++) {
                Write w = Write.of(seed, i, overlay.size());
                overlay.write(w.offset(), ByteBuffer.wrap(w.bytes()));
                overlay.flush();
                out.println(i + " " + w.offset() + " " + w.bytes().length);
            }
        }
    }
}
