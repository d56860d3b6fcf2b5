package org.streamboot.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check must see a real leak, or the fuzz tests that rely on it prove nothing. */
class NettyLeakCheckTest {

    @Test
    void aBufferNeverReleasedIsReported() {
        try (NettyLeakCheck check = NettyLeakCheck.paranoid()) {
            leakOne();
            assertThatThrownBy(check::assertNoLeaks).isInstanceOf(AssertionError.class).hasMessageContaining("LEAK");
        }
    }

    @Test
    void releasedBuffersAreNotReported() {
        try (NettyLeakCheck check = NettyLeakCheck.paranoid()) {
            for (int i = 0; i < 100; i++) {
                ByteBuf b = ByteBufAllocator.DEFAULT.buffer(64);
                b.writeLong(i);
                b.release();
            }
            assertThat(check.leakReports()).isEmpty();
        }
    }

    private static void leakOne() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(128);
        leaked.writeLong(42);
        // dropped without release(): only the garbage collector will find it
    }
}
