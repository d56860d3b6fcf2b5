package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.RawImage;

/**
 * Copies a raw image (or any block device) chunk by chunk, leaving all-zero chunks as holes so that a mostly empty
 * 100 GB disk costs only what it holds, and reporting bytes done after every chunk.
 */
final class RawCopy {

    private static final int CHUNK = 4 << 20;

    private RawCopy() {
    }

    static void copy(Path source, Path target, LongConsumer done, BooleanSupplier cancelled) throws IOException, ImportCancelledException {
        try (RawImage in = RawImage.open(source)) {
            copy(in, target, done, cancelled);
        }
    }

    /** Copies every byte of a device (e.g. a whole version chain, flattened) into a new raw file. */
    static void copy(BlockDevice in, Path target, LongConsumer done, BooleanSupplier cancelled)
            throws IOException, ImportCancelledException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.SPARSE)) {
            long size = in.size();
            ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
            long pos = 0;
            while (pos < size) {
                if (cancelled.getAsBoolean()) {
                    throw new ImportCancelledException();
                }
                buf.clear().limit((int) Math.min(CHUNK, size - pos));
                in.read(pos, buf);
                buf.flip();
                if (!allZero(buf)) {
                    while (buf.hasRemaining()) {
                        out.write(buf, pos + buf.position());
                    }
                }
                pos += buf.limit();
                done.accept(pos);
            }
            out.truncate(size);
            if (out.size() < size) {
                // the last chunk was a hole: extend so the file has the image's size
                out.write(ByteBuffer.allocate(1), size - 1);
            }
            out.force(true);
        }
    }

    private static boolean allZero(ByteBuffer buf) {
        int i = buf.position();
        int end = buf.limit();
        for (; i + 8 <= end; i += 8) {
            if (buf.getLong(i) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (buf.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
