package org.streamboot.server.block;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Positional read/write loops: FileChannel may transfer fewer bytes than asked. */
final class FileChannels {

    private FileChannels() {
    }

    static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long pos = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, pos);
            if (n < 0) {
                throw new EOFException("file ends at " + pos + " but " + into.remaining() + " more bytes were expected");
            }
            pos += n;
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer from, long position) throws IOException {
        long pos = position;
        while (from.hasRemaining()) {
            pos += channel.write(from, pos);
        }
    }

    /** Makes a rename or create in {@code directory} durable (POSIX needs an fsync of the directory). */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open or sync a directory; the rename itself is still atomic.
            if (!System.getProperty("os.name", "").startsWith("Linux")) {
                return;
            }
            throw e;
        }
    }
}
