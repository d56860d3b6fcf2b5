package org.streamboot.server.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Reads and writes the overlay map file: a header page then the 2-bit state body. */
final class OverlayMapFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;

    private OverlayMapFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates an all-UNALLOCATED map. It is written to a temporary name, synced, then renamed:
     * a crash during creation leaves no map, and the overlay is simply created again.
     */
    static void create(Path path, OverlayMapHeader header, long bodyBytes) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            FileChannels.writeFully(ch, ByteBuffer.wrap(header.encode()), 0);
            if (bodyBytes > 0) {
                FileChannels.writeFully(ch, ByteBuffer.allocate(1), OverlayMapHeader.LENGTH + bodyBytes - 1);
            }
            ch.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        FileChannels.forceDirectory(path.toAbsolutePath().getParent());
    }

    /** Opens a map, checks its header against the device below, and loads it into {@code map}. */
    static OverlayMapFile open(Path path, long deviceSize, int blockSize, BlockStateMap map) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ByteBuffer headerBytes = ByteBuffer.allocate(OverlayMapHeader.LENGTH);
            OverlayMapHeader header;
            try {
                FileChannels.readFully(ch, headerBytes, 0);
            } catch (java.io.EOFException e) {
                throw new OverlayFormatException(path, "file is shorter than its " + OverlayMapHeader.LENGTH + "-byte header");
            }
            try {
                header = OverlayMapHeader.decode(headerBytes.array());
            } catch (IllegalArgumentException e) {
                throw new OverlayFormatException(path, e.getMessage());
            }
            if (header.blockSize() != blockSize) {
                throw new OverlayFormatException(path, "block size is " + header.blockSize() + ", expected " + blockSize);
            }
            if (header.deviceSize() != deviceSize) {
                throw new OverlayFormatException(path, "overlay was made for a " + header.deviceSize()
                        + "-byte disk but the disk below has " + deviceSize + " bytes");
            }
            long expected = OverlayMapHeader.LENGTH + map.bodyBytes();
            if (ch.size() != expected) {
                throw new OverlayFormatException(path, "map is " + ch.size() + " bytes, expected " + expected);
            }
            OverlayMapFile file = new OverlayMapFile(path, ch);
            file.loadInto(map);
            return file;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void loadInto(BlockStateMap map) throws IOException {
        for (int page = 0; page < map.pageCount(); page++) {
            long start = (long) page * BlockStateMap.PAGE_BYTES;
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BlockStateMap.PAGE_BYTES, map.bodyBytes() - start));
            FileChannels.readFully(channel, buf, OverlayMapHeader.LENGTH + start);
            try {
                map.loadPage(page, buf.array());
            } catch (IllegalArgumentException e) {
                throw new OverlayFormatException(path, e.getMessage());
            }
        }
    }

    void writePages(List<BlockStateMap.DirtyPage> pages) throws IOException {
        for (BlockStateMap.DirtyPage p : pages) {
            long at = OverlayMapHeader.LENGTH + (long) p.page() * BlockStateMap.PAGE_BYTES;
            FileChannels.writeFully(channel, ByteBuffer.wrap(p.bytes()), at);
        }
    }

    /** Overwrites the whole body with zeros (all UNALLOCATED), in place, keeping the length. */
    void zeroBody(long bodyBytes) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(BlockStateMap.PAGE_BYTES);
        for (long at = 0; at < bodyBytes; at += BlockStateMap.PAGE_BYTES) {
            zeros.clear().limit((int) Math.min(BlockStateMap.PAGE_BYTES, bodyBytes - at));
            FileChannels.writeFully(channel, zeros, OverlayMapHeader.LENGTH + at);
        }
    }

    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
