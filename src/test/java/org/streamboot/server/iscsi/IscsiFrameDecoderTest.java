package org.streamboot.server.iscsi;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.streamboot.server.iscsi.Pdu.NopOut;

class IscsiFrameDecoderTest {

    private static final NopOut PING = new NopOut(true, 0, 7, Pdu.NO_TAG, 1, 1, "hello iscsi".getBytes());

    private static EmbeddedChannel channel(IscsiFrameDecoder decoder) {
        return new EmbeddedChannel(decoder);
    }

    @Test
    void reassemblesAFrameFedOneByteAtATime() {
        EmbeddedChannel ch = channel(new IscsiFrameDecoder());
        byte[] frame = FrameTestSupport.frame(PING, false, false);
        assertThat(frame.length).isEqualTo(48 + 12); // 11 data bytes padded to 12
        for (byte b : frame) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        NopOut got = ch.readInbound();
        assertThat(got.itt()).isEqualTo(7);
        assertThat(new String(got.data())).isEqualTo("hello iscsi");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void splitsMergedFrames() {
        EmbeddedChannel ch = channel(new IscsiFrameDecoder());
        byte[] one = FrameTestSupport.frame(PING, false, false);
        byte[] two = FrameTestSupport.frame(new NopOut(true, 0, 8, Pdu.NO_TAG, 1, 1, Pdu.EMPTY), false, false);
        byte[] both = Arrays.copyOf(one, one.length + two.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        var buf = Unpooled.wrappedBuffer(both);
        ch.writeInbound(buf);
        assertThat(((NopOut) ch.readInbound()).itt()).isEqualTo(7);
        assertThat(((NopOut) ch.readInbound()).itt()).isEqualTo(8);
        assertThat(buf.refCnt()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void refusesASegmentLongerThanNegotiatedBeforeItArrives() {
        EmbeddedChannel ch = channel(new IscsiFrameDecoder());
        byte[] bhs = PduCodec.encodeHeader(new NopOut(true, 0, 1, Pdu.NO_TAG, 1, 1, Pdu.EMPTY));
        bhs[5] = 0x00;
        bhs[6] = 0x20; // 8193 bytes > 8192, the login-phase limit
        bhs[7] = 0x01;
        ch.writeInbound(Unpooled.wrappedBuffer(bhs));
        FrameError error = ch.readInbound();
        assertThat(error.kind()).isEqualTo(FrameError.Kind.SEGMENT_TOO_LONG);
        // Everything afterwards is discarded: the connection is about to close.
        ch.writeInbound(Unpooled.wrappedBuffer(FrameTestSupport.frame(PING, false, false)));
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void theNegotiatedLimitReplacesTheLoginLimitButNeverTheHardCap() {
        IscsiFrameDecoder decoder = new IscsiFrameDecoder();
        decoder.enterFullFeaturePhase(1 << 24, false, false);
        EmbeddedChannel ch = channel(decoder);
        byte[] big = new byte[65536];
        ch.writeInbound(Unpooled.wrappedBuffer(FrameTestSupport.frame(new NopOut(true, 0, 1, Pdu.NO_TAG, 1, 1, big), false,
                false)));
        assertThat(((NopOut) ch.readInbound()).data()).hasSize(65536);
        byte[] bhs = PduCodec.encodeHeader(new NopOut(true, 0, 1, Pdu.NO_TAG, 1, 1, Pdu.EMPTY));
        bhs[5] = 0x20; // 2 MiB > the 1 MiB hard cap
        ch.writeInbound(Unpooled.wrappedBuffer(bhs));
        assertThat(((FrameError) ch.readInbound()).kind()).isEqualTo(FrameError.Kind.SEGMENT_TOO_LONG);
        ch.finishAndReleaseAll();
    }

    @Test
    void checksBothDigestsWhenNegotiated() {
        IscsiFrameDecoder decoder = new IscsiFrameDecoder();
        decoder.enterFullFeaturePhase(8192, true, true);
        EmbeddedChannel ch = channel(decoder);
        byte[] good = FrameTestSupport.frame(PING, true, true);
        assertThat(good.length).isEqualTo(48 + 4 + 12 + 4);
        ch.writeInbound(Unpooled.wrappedBuffer(good));
        assertThat(((NopOut) ch.readInbound()).itt()).isEqualTo(7);

        byte[] badData = good.clone();
        badData[48 + 4 + 3] ^= 1;
        ch.writeInbound(Unpooled.wrappedBuffer(badData));
        FrameError dataError = ch.readInbound();
        assertThat(dataError.kind()).isEqualTo(FrameError.Kind.DATA_DIGEST);
        assertThat(dataError.header()).hasSize(48);
        ch.finishAndReleaseAll();

        IscsiFrameDecoder second = new IscsiFrameDecoder();
        second.enterFullFeaturePhase(8192, true, true);
        EmbeddedChannel ch2 = channel(second);
        byte[] badHeader = good.clone();
        badHeader[20] ^= 1;
        ch2.writeInbound(Unpooled.wrappedBuffer(badHeader));
        FrameError headerError = ch2.readInbound();
        assertThat(headerError.kind()).isEqualTo(FrameError.Kind.HEADER_DIGEST);
        assertThat(headerError.header()).isNull();
        ch2.finishAndReleaseAll();
    }

    @Test
    void skipsAdditionalHeaderSegments() {
        byte[] frame = FrameTestSupport.frame(PING, false, false);
        byte[] withAhs = new byte[frame.length + 8];
        System.arraycopy(frame, 0, withAhs, 0, 48);
        withAhs[4] = 2; // TotalAHSLength in 4-byte words
        System.arraycopy(frame, 48, withAhs, 56, frame.length - 48);
        EmbeddedChannel ch = channel(new IscsiFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(withAhs));
        assertThat(new String(((NopOut) ch.readInbound()).data())).isEqualTo("hello iscsi");
        ch.finishAndReleaseAll();
    }
}
