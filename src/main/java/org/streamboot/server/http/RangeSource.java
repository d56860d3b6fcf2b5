package org.streamboot.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import org.streamboot.server.block.MemoryView;

/** Something served over HTTP with byte ranges: a boot file or a vDisk. */
interface RangeSource {

    long size();

    /** Fills {@code into} from {@code offset}, or throws: the body has a promised length. */
    void readFully(long offset, ByteBuffer into) throws IOException;

    /**
     * The bytes as views of memory that already holds them (a vDisk's read cache), sent without
     * a copy and released once written, or null: then {@link #readFully}.
     */
    default MemoryView view(long offset, int length) throws IOException {
        return null;
    }

    /** A plain file the transport can send with {@code sendfile}; closing either closes both. */
    default Optional<FileChannel> fileChannel() {
        return Optional.empty();
    }

    void close() throws IOException;
}
