package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoryViewTest {

    private final byte[] bytes = TestImages.randomBytes(300, 4);
    private final AtomicInteger released = new AtomicInteger();

    /** Pieces of 100, 50 and 150 bytes, as chunks of different lengths would be. */
    private MemoryView view() {
        ByteBuffer all = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return new MemoryView(new ByteBuffer[] {all.slice(0, 100), all.slice(100, 50), all.slice(150, 150)},
                released::incrementAndGet);
    }

    @Test
    void everySliceHoldsExactlyItsBytesAcrossPieceBoundaries() {
        MemoryView view = view();
        assertThat(view.length()).isEqualTo(300);
        for (int from = 0; from <= 300; from += 7) {
            for (int count = 0; from + count <= 300; count += 13) {
                ByteBuffer got = ByteBuffer.allocate(count);
                for (ByteBuffer piece : view.slices(from, count)) {
                    assertThat(piece.hasRemaining()).as("no empty pieces").isTrue();
                    assertThat(piece.isReadOnly()).isTrue();
                    got.put(piece);
                }
                assertThat(got.position()).isEqualTo(count);
                assertThat(got.array()).isEqualTo(Arrays.copyOfRange(bytes, from, from + count));
            }
        }
        assertThat(view.slices(100, 50)).hasSize(1);
        assertThat(view.slices(99, 52)).hasSize(3);
        ByteBuffer copy = ByteBuffer.allocate(10);
        view.copyTo(145, 10, copy);
        assertThat(copy.array()).isEqualTo(Arrays.copyOfRange(bytes, 145, 155));
    }

    @Test
    void slicesOutsideTheViewAreRefused() {
        MemoryView view = view();
        assertThatThrownBy(() -> view.slices(290, 11)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> view.slices(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> view.slices(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theMemoryGoesBackOnceAtTheLastRelease() {
        MemoryView view = view();
        view.retain().retain();
        view.release();
        view.release();
        assertThat(released).hasValue(0);
        view.release();
        assertThat(released).hasValue(1);
        assertThatThrownBy(view::retain).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(view::release).isInstanceOf(IllegalStateException.class);
        assertThat(released).hasValue(1);
    }
}
