package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock on a file that says "these vDisk files are in use". The server holds one
 * while clients have a vDisk (or its draft) open; an offline operation (merge, promote) takes
 * the same lock and so is refused while clients are connected, and the server refuses new
 * sessions while the operation runs. The CLI and the server are separate processes, which is
 * why this is an OS file lock and not a flag in memory.
 *
 * <p>Java file locks belong to the whole JVM: a second lock on the same file from the same
 * JVM throws {@link OverlappingFileLockException}, which is treated as "in use" too.
 */
final class InUseLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private InUseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or returns empty when someone (this or another process) holds it. */
    static Optional<InUseLock> tryAcquire(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                return Optional.empty();
            }
            return Optional.of(new InUseLock(ch, lock));
        } catch (OverlappingFileLockException e) {
            ch.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
