package org.streamboot.server.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawImageTest {

    @TempDir
    Path dir;

    @Test
    void readsAnyUnalignedRangeOfTheFile() throws Exception {
        byte[] content = TestImages.randomBytes(10_000, 1);
        try (RawImage image = RawImage.open(TestImages.writeImage(dir, "base.img", content))) {
            assertThat(image.size()).isEqualTo(10_000);
            assertThat(image.readOnly()).isTrue();
            ByteBuffer buf = ByteBuffer.allocate(777);
            image.read(4093, buf);
            assertThat(buf.hasRemaining()).isFalse();
            assertThat(buf.array()).isEqualTo(Arrays.copyOfRange(content, 4093, 4093 + 777));
            ByteBuffer tail = ByteBuffer.allocate(3);
            image.read(9_997, tail);
            assertThat(tail.array()).isEqualTo(Arrays.copyOfRange(content, 9_997, 10_000));
        }
    }

    @Test
    void refusesReadsOutsideTheImage() throws Exception {
        try (RawImage image = RawImage.open(TestImages.writeImage(dir, "base.img", new byte[4096]))) {
            assertThatThrownBy(() -> image.read(4095, ByteBuffer.allocate(2)))
                    .isInstanceOf(BlockRangeException.class)
                    .hasMessageContaining("4096");
            assertThatThrownBy(() -> image.read(-1, ByteBuffer.allocate(1))).isInstanceOf(BlockRangeException.class);
            assertThatThrownBy(() -> image.read(Long.MAX_VALUE, ByteBuffer.allocate(2)))
                    .isInstanceOf(BlockRangeException.class);
            image.read(4096, ByteBuffer.allocate(0));
        }
    }

    @Test
    void refusesWritesAndTrimsAndLeavesTheFileAlone() throws Exception {
        Path file = TestImages.writeImage(dir, "base.img", TestImages.randomBytes(8192, 2));
        String before = TestImages.sha256(file);
        try (RawImage image = RawImage.open(file)) {
            assertThatThrownBy(() -> image.write(0, ByteBuffer.allocate(10)))
                    .isInstanceOf(WriteProtectedException.class);
            assertThatThrownBy(() -> image.trim(0, 4096)).isInstanceOf(WriteProtectedException.class);
            image.flush();
        }
        assertThat(TestImages.sha256(file)).isEqualTo(before);
    }

    @Test
    void rangeCheckDoesNotOverflow() {
        assertThatThrownBy(() -> BlockRangeException.check(Long.MAX_VALUE - 1, 10, 100))
                .isInstanceOf(BlockRangeException.class);
        assertThatThrownBy(() -> BlockRangeException.check(10, Long.MAX_VALUE, 100))
                .isInstanceOf(BlockRangeException.class);
        assertThatThrownBy(() -> BlockRangeException.check(0, -1, 100)).isInstanceOf(BlockRangeException.class);
    }
}
