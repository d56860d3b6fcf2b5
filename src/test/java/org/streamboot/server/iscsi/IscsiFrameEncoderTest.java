package org.streamboot.server.iscsi;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.streamboot.server.iscsi.Pdu.DataIn;
import org.streamboot.testsupport.NettyLeakCheck;

/**
 * Data-In frames are the same bytes whether the encoder copies the segment (small) or sends a
 * view of the read's buffer (large), with and without CRC32C digests, and the read's buffer goes
 * back to its pool only once the write that uses it has completed.
 */
class IscsiFrameEncoderTest {

    @ParameterizedTest
    @CsvSource({"false,false,512", "true,true,512", "false,false,65537", "true,false,65538", "false,true,65539",
            "true,true,262144", "true,true,16385"})
    void dataInBytesMatchAnInitiatorsFraming(boolean headerDigest, boolean dataDigest, int length) {
        try (NettyLeakCheck leaks = NettyLeakCheck.paranoid()) {
            ByteBuf[] allocated = new ByteBuf[1];
            DataInBuffer lent = new DataInBuffer(new PooledByteBufAllocator(true) {
                @Override
                public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
                    allocated[0] = super.directBuffer(initialCapacity, maxCapacity);
                    return allocated[0];
                }
            });
            ByteBuffer view = lent.apply(length);
            byte[] data = new byte[length];
            new Random(length).nextBytes(data);
            view.put(data).flip();
            DataIn pdu = new DataIn(true, true, false, true, 0, 0x1_0000_0000_0000L, 7, Pdu.NO_TAG, 11, 12, 20, 3,
                    4096, 100, view);

            IscsiFrameEncoder encoder = new IscsiFrameEncoder();
            encoder.enableDigests(headerDigest, dataDigest);
            EmbeddedChannel ch = new EmbeddedChannel(encoder);
            ChannelFuture write = ch.write(pdu);
            lent.keepUntil(write);
            lent.release();
            // Written to the socket only at the flush: until then the segment must stay lent.
            assertThat(write.isDone()).isFalse();
            assertThat(allocated[0].refCnt()).isEqualTo(1);
            ch.flush();
            assertThat(write.isSuccess()).isTrue();
            assertThat(allocated[0].refCnt()).isZero();
            ByteBuf frame = ch.readOutbound();
            try {
                assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(FrameTestSupport.frame(pdu, headerDigest, dataDigest));
            } finally {
                frame.release();
            }
            assertThat(ch.finishAndReleaseAll()).isFalse();
            leaks.assertNoLeaks();
        }
    }

    /** A segment lent from read-cache chunks is framed exactly like the same bytes in one buffer. */
    @ParameterizedTest
    @CsvSource({"false,false,1000", "true,true,9000", "false,false,70001", "true,true,70001", "false,true,200000"})
    void aSegmentInSeveralPiecesIsFramedLikeOneBuffer(boolean headerDigest, boolean dataDigest, int length) {
        try (NettyLeakCheck leaks = NettyLeakCheck.paranoid()) {
            byte[] data = new byte[length];
            new Random(length).nextBytes(data);
            ByteBuffer all = ByteBuffer.allocateDirect(length).put(data).flip();
            ByteBuffer[] pieces = new ByteBuffer[length / 4096 + 1];
            for (int i = 0; i < pieces.length; i++) {
                pieces[i] = all.slice(i * 4096, Math.min(4096, length - i * 4096));
            }
            DataIn pdu = new DataIn(true, true, false, false, 0, 0, 9, Pdu.NO_TAG, 1, 2, 3, 0, 0, 0, pieces);
            DataIn whole = new DataIn(true, true, false, false, 0, 0, 9, Pdu.NO_TAG, 1, 2, 3, 0, 0, 0,
                    ByteBuffer.wrap(data));
            assertThat(pdu.dataLength()).isEqualTo(length);
            assertThat(pdu.data()).isEqualTo(data);

            IscsiFrameEncoder encoder = new IscsiFrameEncoder();
            encoder.enableDigests(headerDigest, dataDigest);
            EmbeddedChannel ch = new EmbeddedChannel(encoder);
            assertThat(ch.writeAndFlush(pdu).isSuccess()).isTrue();
            ByteBuf frame = ch.readOutbound();
            try {
                assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(FrameTestSupport.frame(whole, headerDigest, dataDigest));
            } finally {
                frame.release();
            }
            assertThat(ch.finishAndReleaseAll()).isFalse();
            leaks.assertNoLeaks();
        }
    }
}
