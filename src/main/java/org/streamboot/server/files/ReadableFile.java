package org.streamboot.server.files;

import java.io.IOException;
import java.nio.ByteBuffer;

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

    @Override
    void close() throws IOException;
}
