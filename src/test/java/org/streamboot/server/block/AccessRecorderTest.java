package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessRecorderTest {

    private static final int G = 4096;
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    void marksEveryBlockARequestTouches() throws Exception {
        AccessRecorder recorder = new AccessRecorder(new MemoryDevice(100 * G), G, clock);
        recorder.read(G - 1, ByteBuffer.allocate(2));
        recorder.write(10L * G, ByteBuffer.allocate(G));
        recorder.trim(20L * G + 5, 1);
        recorder.read(99L * G, ByteBuffer.allocate(0));
        AccessSnapshot snap = recorder.snapshot();
        assertThat(snap.readSet().stream().toArray()).containsExactly(0, 1);
        assertThat(snap.writtenSet().stream().toArray()).containsExactly(10, 20);
        assertThat(snap.bytesRead()).isEqualTo(2);
        assertThat(snap.bytesWritten()).isEqualTo(G);
        assertThat(snap.readRequests()).isEqualTo(2);
        assertThat(snap.writeRequests()).isEqualTo(2);
        assertThat(snap.at()).isEqualTo(clock.instant());
        assertThat(snap.blockCount()).isEqualTo(100);
        assertThat(snap.readFraction()).isEqualTo(0.02);
        assertThat(snap.wasRead(1)).isTrue();
        assertThat(snap.wasRead(2)).isFalse();
    }

    @Test
    void snapshotIsAnImmutableCopy() throws Exception {
        AccessRecorder recorder = new AccessRecorder(new MemoryDevice(200 * G), G, clock);
        AccessSnapshot before = recorder.snapshot();
        recorder.read(0, ByteBuffer.allocate(200 * G));
        assertThat(before.readSet().isEmpty()).isTrue();
        long[] bits = recorder.snapshot().readBits();
        bits[0] = 0;
        assertThat(recorder.snapshot().wasRead(0)).isTrue();
        assertThat(recorder.snapshot().readSet().cardinality()).isEqualTo(200);
    }

    @Test
    void failedRequestsAreNotRecorded() {
        AccessRecorder recorder = new AccessRecorder(new MemoryDevice(new byte[G], true), G, clock);
        assertThatThrownBy(() -> recorder.read(G, ByteBuffer.allocate(1))).isInstanceOf(BlockRangeException.class);
        assertThatThrownBy(() -> recorder.write(0, ByteBuffer.allocate(1))).isInstanceOf(WriteProtectedException.class);
        AccessSnapshot snap = recorder.snapshot();
        assertThat(snap.readSet().isEmpty()).isTrue();
        assertThat(snap.writtenSet().isEmpty()).isTrue();
        assertThat(snap.bytesRead() + snap.bytesWritten()).isZero();
    }

    @Test
    void concurrentReadersSetAllTheirBits() throws Exception {
        int blocks = 4096;
        AccessRecorder recorder = new AccessRecorder(new MemoryDevice(blocks * 512), 512, clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int b = thread; b < blocks; b += 8) {
                        recorder.read((long) b * 512, ByteBuffer.allocate(512));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        AccessSnapshot snap = recorder.snapshot();
        assertThat(snap.readSet().cardinality()).isEqualTo(blocks);
        assertThat(snap.bytesRead()).isEqualTo(blocks * 512L);
    }

    @Test
    void bitmapSetsRangesAcrossWordBoundaries() {
        ConcurrentBitmap bitmap = new ConcurrentBitmap(300);
        bitmap.setRange(60, 130);
        bitmap.setRange(299, 300);
        java.util.BitSet expected = new java.util.BitSet();
        expected.set(60, 130);
        expected.set(299);
        assertThat(java.util.BitSet.valueOf(bitmap.copy())).isEqualTo(expected);
        assertThatThrownBy(() -> bitmap.setRange(0, 301)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
