package org.streamboot.server.tftp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Coverage-guided fuzzing of the TFTP decoder with Jazzer: regression mode over the seeds in
 * {@code TftpCodecJazzerTestInputs/} by default, up to 20 s of fuzzing with {@code JAZZER_FUZZ=1}.
 */
class TftpCodecJazzerTest {

    @FuzzTest(maxDuration = "20s")
    void decodeOnlyEverThrowsTftpDecodeException(byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        try {
            TftpPacket packet = TftpCodec.decode(in);
            TftpCodec.encode(packet, UnpooledByteBufAllocator.DEFAULT).release();
        } catch (TftpDecodeException expected) {
            // the decoder's own refusal, answered with a TFTP ERROR packet
        } finally {
            in.release();
        }
    }
}
