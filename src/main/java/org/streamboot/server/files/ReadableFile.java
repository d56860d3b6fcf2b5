package org.streamboot.server.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * An open file: its size, fixed when it was opened, and reads at any position. Positional
 * reads keep no cursor, so one file may serve several windows of a transfer in any order.
 */
public interface ReadableFile extends AutoCloseable {

    long size();

    /**
     * Reads from {@code position} until {@code into} is full or the file ends.
     *
     * @return the number of bytes read; fewer than {@code into.remaining()} only at the end
     */
    int read(long position, ByteBuffer into) throws IOException;

    /**
     * The plain file behind this one, when there is one, so that HTTP can hand it to the kernel
     * ({@code sendfile}) instead of copying it through the heap. The channel belongs to this
     * file: closing either closes both.
     */
    default Optional<FileChannel> fileChannel() {
        return Optional.empty();
    }

    @Override
    void close() throws IOException;
}
