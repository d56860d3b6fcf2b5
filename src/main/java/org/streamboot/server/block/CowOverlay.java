package org.streamboot.server.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A per-client copy-on-write write cache over any lower device (usually the shared, read-only
 * base image). The lower device is never written and is not closed with the overlay.
 *
 * <h2>On-disk format</h2>
 * An overlay is a directory with two files:
 * <ul>
 * <li>{@code overlay.data}: a sparse file as long as the device; block {@code b} lives at byte
 *     {@code b * 4096}. Only blocks the client wrote take disk space.</li>
 * <li>{@code overlay.map}: a 4096-byte header ({@link OverlayMapHeader}: magic, version, block
 *     size, device size, CRC) then 2 bits per 4 KiB block ({@link BlockStateMap}):
 *     0 = UNALLOCATED (read the lower device), 1 = ALLOCATED (read the data file),
 *     2 = TRIMMED (read zeros). Code 3 is invalid.</li>
 * </ul>
 * Opening checks the header against the device below and refuses, with a message naming the
 * file and the problem, a map of another format, block size or disk size.
 *
 * <h2>Writes</h2>
 * A write to an ALLOCATED block goes in place. A write to an UNALLOCATED or TRIMMED block
 * first builds the whole block (the lower device's bytes or zeros, with the new bytes merged
 * in), writes it to the data file, and only then marks the block ALLOCATED in memory. Each
 * block's read-modify-write runs under that block's striped lock, so two clients' threads
 * writing different bytes of one block never lose each other's bytes. Reads take no lock:
 * a read racing a write to the same bytes sees the old or the new data, as on a disk.
 *
 * <h2>Why a crash at any point is safe</h2>
 * The map on disk changes only in {@link #flush()}, which (1) copies the dirty map pages,
 * (2) fsyncs the data file, (3) writes the copied pages, (4) fsyncs the map. Because a block
 * is marked ALLOCATED in memory only after its data write returned, every ALLOCATED entry in
 * the copy of step 1 has its data made durable by step 2 before step 3 can put it on disk.
 * So a map entry on disk never claims data that is not on disk. A crash:
 * <ul>
 * <li>before step 3: the map on disk is the one of the previous flush; every block it marks
 *     ALLOCATED was synced then; blocks allocated since read from the lower device again,
 *     which is their content as of the last flush. Bytes the client did not touch since the
 *     last flush read exactly as then; a touched byte holds some value it had since (an
 *     in-place overwrite may or may not have reached the disk, a trim may be undone): that is
 *     what "not flushed" means on any disk with a volatile write cache.</li>
 * <li>during step 3 (a torn map write): each map byte is old or new, and both versions of
 *     every entry point at durable data, so the same holds: the flush did not complete.</li>
 * <li>after step 4: everything written before the flush started is durable.</li>
 * </ul>
 * A fresh map is written under a temporary name and renamed into place after the data file
 * exists, so a crash during creation leaves either no overlay or a complete empty one.
 * {@link #reset()} zeroes the map (and syncs it) before it truncates the data file.
 *
 * <h2>Quota</h2>
 * Allocated blocks count against {@code quotaBytes}; a write that needs more blocks than are
 * left fails with {@link OutOfSpaceException} before any of it is applied. Trimming an
 * allocated block gives its quota back (its bytes stay in the data file until {@link #reset()},
 * as Java has no portable way to punch a hole).
 */
public final class CowOverlay implements BlockDevice {

    public static final int BLOCK_SIZE = 4096;
    public static final String DATA_FILE = "overlay.data";
    public static final String MAP_FILE = "overlay.map";
    private static final int LOCK_STRIPES = 1024;
    private static final ByteBuffer ZEROS = ByteBuffer.allocate(64 * 1024).asReadOnlyBuffer();

    private final Path directory;
    private final BlockDevice lower;
    private final long size;
    private final FileChannel data;
    private final OverlayMapFile mapFile;
    private final BlockStateMap map;
    private final StripedLocks blockLocks = new StripedLocks(LOCK_STRIPES);
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final OverlayQuota quota;
    private final AtomicBoolean dataDirty = new AtomicBoolean();
    private boolean closed;

    private CowOverlay(Path directory, BlockDevice lower, long quotaBytes, FileChannel data, OverlayMapFile mapFile,
            BlockStateMap map) {
        this.directory = directory;
        this.lower = lower;
        this.size = lower.size();
        this.data = data;
        this.mapFile = mapFile;
        this.map = map;
        this.quota = new OverlayQuota(quotaBytes, BLOCK_SIZE, map.count(BlockState.ALLOCATED));
    }

    /**
     * Opens the overlay in {@code directory}, creating an empty one if none is there.
     *
     * @param quotaBytes most bytes the overlay may hold ({@link Long#MAX_VALUE} for no limit)
     * @throws OverlayFormatException when the files exist but do not belong to this disk
     */
    public static CowOverlay open(Path directory, BlockDevice lower, long quotaBytes) throws IOException {
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("negative quota: " + quotaBytes);
        }
        Files.createDirectories(directory);
        Path dataPath = directory.resolve(DATA_FILE);
        Path mapPath = directory.resolve(MAP_FILE);
        OverlayMapHeader header = OverlayMapHeader.forDevice(lower.size(), BLOCK_SIZE);
        BlockStateMap map = new BlockStateMap(header.blockCount());
        if (!Files.exists(mapPath)) {
            createDataFile(dataPath, lower.size());
            OverlayMapFile.create(mapPath, header, map.bodyBytes());
        }
        if (!Files.exists(dataPath)) {
            throw new OverlayFormatException(dataPath, "data file is missing although its map exists");
        }
        OverlayMapFile mapFile = OverlayMapFile.open(mapPath, lower.size(), BLOCK_SIZE, map);
        FileChannel data = null;
        try {
            data = FileChannel.open(dataPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (data.size() != lower.size()) {
                throw new OverlayFormatException(dataPath, "data file is " + data.size() + " bytes, expected "
                        + lower.size());
            }
            return new CowOverlay(directory, lower, quotaBytes, data, mapFile, map);
        } catch (IOException | RuntimeException e) {
            mapFile.close();
            if (data != null) {
                data.close();
            }
            throw e;
        }
    }

    private static void createDataFile(Path dataPath, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(dataPath, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            extendSparse(ch, size);
            ch.force(true);
        }
    }

    private static void extendSparse(FileChannel ch, long size) throws IOException {
        if (size > 0) {
            FileChannels.writeFully(ch, ByteBuffer.allocate(1), size - 1);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    /** Bytes held in the data file for this client (ALLOCATED blocks times the block size). */
    public long allocatedBytes() {
        return quota.allocatedBlocks() * BLOCK_SIZE;
    }

    public long quotaBytes() {
        return quota.quotaBytes();
    }

    /** The state of the block holding {@code offset}: for the console's block map. */
    public BlockState stateAt(long offset) throws BlockRangeException {
        BlockRangeException.check(offset, 1, size);
        return map.get(offset / BLOCK_SIZE);
    }

    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        readRuns(offset, into, false);
    }

    /** In RAM when no byte is ALLOCATED (those live in the data file) and the lower layer has the rest. */
    @Override
    public boolean readFromMemory(long offset, ByteBuffer into) throws IOException {
        return readRuns(offset, into, true);
    }

    /**
     * A view of the layer below when no byte of the range is in this overlay (every block
     * untouched by the client): the common case of a boot, whose writes are few. A range with
     * written or trimmed blocks is read, not viewed.
     */
    @Override
    public MemoryView viewFromMemory(long offset, int length) throws IOException {
        BlockRangeException.check(offset, length, size);
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            if (length == 0) {
                return null;
            }
            for (long block = offset / BLOCK_SIZE; block <= (offset + length - 1) / BLOCK_SIZE; block++) {
                if (map.get(block) != BlockState.UNALLOCATED) {
                    return null;
                }
            }
            return lower.viewFromMemory(offset, length);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Reads run by run: a run of blocks in one state is one read of the layer below, so a
     * large read of untouched blocks costs one lower read, not one per block. With
     * {@code memoryOnly} it gives up (returning false, {@code into}'s position unchanged) at
     * the first run that would need the disk.
     */
    private boolean readRuns(long offset, ByteBuffer into, boolean memoryOnly) throws IOException {
        BlockRangeException.check(offset, into.remaining(), size);
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            int start = into.position();
            int done = 0;
            int total = into.remaining();
            while (done < total) {
                long pos = offset + done;
                BlockState state = map.get(pos / BLOCK_SIZE);
                long want = offset + total;
                long runEnd = Math.min((pos / BLOCK_SIZE + 1) * BLOCK_SIZE, size);
                while (runEnd < want && map.get(runEnd / BLOCK_SIZE) == state) {
                    runEnd = Math.min(runEnd + BLOCK_SIZE, size);
                }
                int len = (int) (Math.min(runEnd, want) - pos);
                ByteBuffer piece = into.slice(start + done, len);
                switch (state) {
                    case UNALLOCATED -> {
                        if (!memoryOnly) {
                            lower.read(pos, piece);
                        } else if (!lower.readFromMemory(pos, piece)) {
                            return false;
                        }
                    }
                    case ALLOCATED -> {
                        if (memoryOnly) {
                            return false;
                        }
                        FileChannels.readFully(data, piece, pos);
                    }
                    case TRIMMED -> zero(piece);
                }
                done += len;
            }
            into.position(start + total);
            return true;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private static void zero(ByteBuffer piece) {
        while (piece.hasRemaining()) {
            piece.put(ZEROS.duplicate().limit(Math.min(piece.remaining(), ZEROS.capacity())));
        }
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        BlockRangeException.check(offset, from.remaining(), size);
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            quota.check(blocksToAllocate(offset, from.remaining()));
            long pos = offset;
            while (from.hasRemaining()) {
                long block = pos / BLOCK_SIZE;
                int inBlock = (int) (pos - block * BLOCK_SIZE);
                int len = Math.min(from.remaining(), blockLength(block) - inBlock);
                writeInBlock(block, inBlock, from.slice(from.position(), len));
                from.position(from.position() + len);
                pos += len;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        BlockRangeException.check(offset, length, size);
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            long pos = offset;
            long end = offset + length;
            while (pos < end) {
                long block = pos / BLOCK_SIZE;
                int inBlock = (int) (pos - block * BLOCK_SIZE);
                int len = (int) Math.min(end - pos, blockLength(block) - inBlock);
                if (len == blockLength(block)) {
                    trimBlock(block);
                } else if (map.get(block) != BlockState.TRIMMED) {
                    // A partial block cannot be marked TRIMMED; zero its bytes so the range
                    // still reads as zeros (the LBPRZ promise).
                    writeInBlock(block, inBlock, ByteBuffer.allocate(len));
                }
                pos += len;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        lifecycle.readLock().lock();
        flushLock.lock();
        try {
            ensureOpen();
            List<BlockStateMap.DirtyPage> pages = map.drainDirty();
            try {
                if (dataDirty.getAndSet(false)) {
                    data.force(false);
                }
                if (!pages.isEmpty()) {
                    mapFile.writePages(pages);
                    mapFile.force();
                }
            } catch (IOException | RuntimeException e) {
                dataDirty.set(true);
                map.markDirty(pages);
                throw e;
            }
        } finally {
            flushLock.unlock();
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Discards everything the client wrote: the device reads as the lower layer again. Used
     * for "discard the write cache at next boot", while no session uses the overlay.
     */
    public void reset() throws IOException {
        lifecycle.writeLock().lock();
        try {
            ensureOpen();
            map.clear();
            // The map goes first: a crash after it leaves a valid empty overlay, whereas
            // truncating the data first could leave ALLOCATED entries pointing at zeros.
            mapFile.zeroBody(map.bodyBytes());
            mapFile.force();
            data.truncate(0);
            extendSparse(data, size);
            data.force(true);
            quota.reset();
            dataDirty.set(false);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            try {
                flush();
            } finally {
                closed = true;
                try {
                    data.close();
                } finally {
                    mapFile.close();
                }
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void writeInBlock(long block, int inBlock, ByteBuffer piece) throws IOException {
        ReentrantLock lock = blockLocks.forBlock(block);
        lock.lock();
        try {
            long blockStart = block * BLOCK_SIZE;
            BlockState state = map.get(block);
            if (state == BlockState.ALLOCATED) {
                FileChannels.writeFully(data, piece, blockStart + inBlock);
                dataDirty.set(true);
                return;
            }
            int blockLength = blockLength(block);
            ByteBuffer whole = ByteBuffer.allocate(blockLength);
            if (piece.remaining() < blockLength && state == BlockState.UNALLOCATED) {
                lower.read(blockStart, whole);
                whole.clear();
            }
            whole.put(inBlock, piece, piece.position(), piece.remaining());
            quota.reserve();
            try {
                FileChannels.writeFully(data, whole, blockStart);
            } catch (IOException | RuntimeException e) {
                quota.release();
                throw e;
            }
            dataDirty.set(true);
            map.set(block, BlockState.ALLOCATED);
        } finally {
            lock.unlock();
        }
    }

    private void trimBlock(long block) {
        ReentrantLock lock = blockLocks.forBlock(block);
        lock.lock();
        try {
            if (map.set(block, BlockState.TRIMMED) == BlockState.ALLOCATED) {
                quota.release();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Blocks in the range not yet ALLOCATED: what a write there would take from the quota. */
    private long blocksToAllocate(long offset, long length) {
        long needed = 0;
        for (long b = offset / BLOCK_SIZE; length > 0 && b <= (offset + length - 1) / BLOCK_SIZE; b++) {
            if (map.get(b) != BlockState.ALLOCATED) {
                needed++;
            }
        }
        return needed;
    }

    private int blockLength(long block) {
        return (int) Math.min(BLOCK_SIZE, size - block * BLOCK_SIZE);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("overlay " + directory + " is closed");
        }
    }

    @Override
    public String toString() {
        return "CowOverlay[" + directory + ", " + allocatedBytes() + " of " + size + " bytes allocated]";
    }
}
