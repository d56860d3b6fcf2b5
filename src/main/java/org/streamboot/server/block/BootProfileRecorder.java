package org.streamboot.server.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Wraps a device during one client session and records, in first-read order, the distinct
 * chunks read during the first {@code maxBytes} of distinct data or the first {@code window}
 * after the first read, whichever ends first. That is the part of the disk every boot needs;
 * {@link #profile()} turns it into a {@link BootProfile} for boot-order prefetch.
 *
 * <p>Place it below the client's overlay (over the shared base) so that it sees the reads
 * that reach the base. A read of chunks already recorded takes no lock (a boot re-reads most
 * of what it read), and once recording stops, reads cost one volatile read. Closing it closes
 * the wrapped device.
 */
public final class BootProfileRecorder implements BlockDevice {

    private final BlockDevice device;
    private final int chunkSize;
    private final long maxChunks;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentBitmap seen;
    private long[] order = new long[64];
    private int count;
    private long startedAt;
    private boolean started;
    private volatile boolean recording = true;

    public BootProfileRecorder(BlockDevice device, int chunkSize, long maxBytes, Duration window,
            LongSupplier nanoTime) {
        if (Integer.bitCount(chunkSize) != 1 || maxBytes < 0) {
            throw new IllegalArgumentException("bad profile settings: chunk " + chunkSize + ", max " + maxBytes);
        }
        this.device = device;
        this.chunkSize = chunkSize;
        this.maxChunks = maxBytes / chunkSize;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.seen = new ConcurrentBitmap((device.size() + chunkSize - 1) / chunkSize);
    }

    public BootProfileRecorder(BlockDevice device, int chunkSize, long maxBytes, Duration window) {
        this(device, chunkSize, maxBytes, window, System::nanoTime);
    }

    public boolean recording() {
        return recording;
    }

    /** Ends recording now (the client reached the desktop, or the session ended). */
    public void stop() {
        recording = false;
    }

    public synchronized BootProfile profile() {
        return new BootProfile(chunkSize, device.size(), Arrays.copyOf(order, count));
    }

    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        int length = into.remaining();
        device.read(offset, into);
        if (recording && length > 0 && !allSeen(offset, length)) {
            record(offset, length);
        }
    }

    @Override
    public boolean readFromMemory(long offset, ByteBuffer into) throws IOException {
        int length = into.remaining();
        if (!device.readFromMemory(offset, into)) {
            return false;
        }
        if (recording && length > 0 && !allSeen(offset, length)) {
            record(offset, length);
        }
        return true;
    }

    @Override
    public MemoryView viewFromMemory(long offset, int length) throws IOException {
        MemoryView view = device.viewFromMemory(offset, length);
        if (view != null && recording && length > 0 && !allSeen(offset, length)) {
            record(offset, length);
        }
        return view;
    }

    /**
     * True when every chunk of the range is recorded already: nothing to add, so no lock. The
     * time window is then checked at the next read of a new chunk, which is when it matters.
     */
    private boolean allSeen(long offset, int length) {
        for (long chunk = offset / chunkSize; chunk <= (offset + length - 1) / chunkSize; chunk++) {
            if (!seen.get(chunk)) {
                return false;
            }
        }
        return true;
    }

    private synchronized void record(long offset, int length) {
        long now = nanoTime.getAsLong();
        if (!started) {
            started = true;
            startedAt = now;
        }
        if (now - startedAt > windowNanos) {
            recording = false;
            return;
        }
        for (long chunk = offset / chunkSize; chunk <= (offset + length - 1) / chunkSize; chunk++) {
            if (count >= maxChunks) {
                recording = false;
                return;
            }
            if (!seen.get(chunk)) {
                // The bit is set only once the chunk is in the order: a lock-free reader that
                // sees it set skips the chunk.
                if (count == order.length) {
                    order = Arrays.copyOf(order, order.length * 2);
                }
                order[count++] = chunk;
                seen.setRange(chunk, chunk + 1);
            }
        }
    }

    @Override
    public long size() {
        return device.size();
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        device.write(offset, from);
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        device.trim(offset, length);
    }

    @Override
    public void flush() throws IOException {
        device.flush();
    }

    @Override
    public boolean readOnly() {
        return device.readOnly();
    }

    @Override
    public void close() throws IOException {
        device.close();
    }
}
