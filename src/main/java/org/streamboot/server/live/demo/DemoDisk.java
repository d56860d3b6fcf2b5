package org.streamboot.server.live.demo;

import java.time.Instant;
import java.util.BitSet;
import java.util.random.RandomGenerator;
import org.streamboot.server.block.AccessSnapshot;

/**
 * The disk use of one simulated PC: a boot reads a front-loaded run of blocks (boot loader,
 * kernel, registry hives) and then scattered ones; a running OS writes now and then. Gives
 * the console's block map and throughput figures something real-looking to show.
 */
final class DemoDisk {

    static final int GRANULARITY = 64 * 1024;

    private final long deviceSize;
    private final int blocks;
    private final BitSet read = new BitSet();
    private final BitSet written = new BitSet();
    private long bytesRead;
    private long bytesWritten;
    private long readRequests;
    private long writeRequests;
    private int cursor;

    DemoDisk(long deviceSize) {
        this.deviceSize = deviceSize;
        this.blocks = (int) ((deviceSize + GRANULARITY - 1) / GRANULARITY);
    }

    /** One tick of booting: a sequential run near the start plus a few random blocks. */
    void streamTick(RandomGenerator random) {
        int run = 40 + random.nextInt(80);
        int end = Math.min(blocks, cursor + run);
        read.set(cursor, end);
        readBytes(end - cursor);
        cursor = end + random.nextInt(200);
        for (int i = 0; i < 20; i++) {
            read.set(random.nextInt(blocks));
        }
        readBytes(20);
    }

    /** One tick of a running OS: a little reading, a little writing. */
    void runTick(RandomGenerator random) {
        for (int i = 0; i < 4; i++) {
            read.set(random.nextInt(blocks));
        }
        readBytes(4);
        int length = 1 + random.nextInt(40);
        int at = random.nextInt(blocks - length);
        written.set(at, at + length);
        bytesWritten += (long) length * GRANULARITY;
        writeRequests++;
    }

    /** A new boot starts over: the previous session's write cache is discarded. */
    void reset() {
        read.clear();
        written.clear();
        cursor = 0;
    }

    long writeCacheBytes() {
        return (long) written.cardinality() * GRANULARITY;
    }

    /** The share of the boot set read: the boot set is the first tenth of the disk here. */
    double bootSetRead() {
        int bootSet = Math.max(1, blocks / 10);
        return Math.min(1.0, (double) read.get(0, bootSet).cardinality() / bootSet);
    }

    AccessSnapshot snapshot(Instant at) {
        return new AccessSnapshot(deviceSize, GRANULARITY, read.toLongArray(), written.toLongArray(), bytesRead,
                bytesWritten, readRequests, writeRequests, at);
    }

    private void readBytes(int count) {
        bytesRead += (long) count * GRANULARITY;
        readRequests += count;
    }
}
