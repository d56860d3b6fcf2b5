package org.streamboot.server.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps a client's device and notes which blocks it read and wrote, as two bitmaps and a few
 * counters, for the console's per-block streaming map. It records state, not events: the
 * console pulls a {@link #snapshot()} a few times a second, so the I/O path never queues
 * anything. Closing it closes the wrapped device.
 */
public final class AccessRecorder implements BlockDevice {

    private final BlockDevice device;
    private final int granularity;
    private final ConcurrentBitmap readMap;
    private final ConcurrentBitmap writtenMap;
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder readRequests = new LongAdder();
    private final LongAdder writeRequests = new LongAdder();
    private final Clock clock;

    /** @param granularity bytes per bitmap bit, a power of two (4 KiB or 64 KiB) */
    public AccessRecorder(BlockDevice device, int granularity, Clock clock) {
        if (Integer.bitCount(granularity) != 1) {
            throw new IllegalArgumentException("granularity must be a power of two: " + granularity);
        }
        this.device = device;
        this.granularity = granularity;
        this.clock = clock;
        long blocks = (device.size() + granularity - 1) / granularity;
        this.readMap = new ConcurrentBitmap(blocks);
        this.writtenMap = new ConcurrentBitmap(blocks);
    }

    public AccessRecorder(BlockDevice device, int granularity) {
        this(device, granularity, Clock.systemUTC());
    }

    public AccessSnapshot snapshot() {
        return new AccessSnapshot(device.size(), granularity, readMap.copy(), writtenMap.copy(), bytesRead.sum(),
                bytesWritten.sum(), readRequests.sum(), writeRequests.sum(), clock.instant());
    }

    @Override
    public long size() {
        return device.size();
    }

    @Override
    public void read(long offset, ByteBuffer into) throws IOException {
        int length = into.remaining();
        device.read(offset, into);
        // Recorded only after success: a refused or failed read streamed nothing.
        mark(readMap, offset, length);
        bytesRead.add(length);
        readRequests.increment();
    }

    @Override
    public boolean readFromMemory(long offset, ByteBuffer into) throws IOException {
        int length = into.remaining();
        if (!device.readFromMemory(offset, into)) {
            return false;
        }
        mark(readMap, offset, length);
        bytesRead.add(length);
        readRequests.increment();
        return true;
    }

    @Override
    public MemoryView viewFromMemory(long offset, int length) throws IOException {
        MemoryView view = device.viewFromMemory(offset, length);
        if (view != null) {
            mark(readMap, offset, length);
            bytesRead.add(length);
            readRequests.increment();
        }
        return view;
    }

    @Override
    public void write(long offset, ByteBuffer from) throws IOException {
        int length = from.remaining();
        device.write(offset, from);
        mark(writtenMap, offset, length);
        bytesWritten.add(length);
        writeRequests.increment();
    }

    @Override
    public void trim(long offset, long length) throws IOException {
        device.trim(offset, length);
        mark(writtenMap, offset, length);
        writeRequests.increment();
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

    private void mark(ConcurrentBitmap map, long offset, long length) {
        if (length > 0) {
            map.setRange(offset / granularity, (offset + length - 1) / granularity + 1);
        }
    }
}
