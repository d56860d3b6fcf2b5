package org.streamboot.server.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A raw disk image file used as a read-only base. The channel is opened with READ only, so not
 * even a bug in a layer above can change the base image under running clients.
 */
public final class RawImage implements BlockDevice {

    private final Path file;
    private final FileChannel channel;
    private final long size;

    private RawImage(Path file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    public static RawImage open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new RawImage(file, channel, channel.size());
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        BlockRangeException.check(offset, into.remaining(), size);
        FileChannels.readFully(channel, into, offset);
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        throw new WriteProtectedException("base image " + file.getFileName());
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        throw new WriteProtectedException("base image " + file.getFileName());
    }

    @Override
    public void flush() {
        // Nothing is ever written.
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "RawImage[" + file + ", " + size + " bytes]";
    }
}
