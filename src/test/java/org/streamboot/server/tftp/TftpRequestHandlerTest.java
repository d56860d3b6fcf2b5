package org.streamboot.server.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streamboot.server.files.FileSource;

/** The request port in an EmbeddedChannel: refusals answered from port 69, buffers released, channel kept open. */
class TftpRequestHandlerTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 69);

    private final TftpRuntime runtime = new TftpRuntime(FileSource.empty("test"), TftpTransferListener.NOP,
            TftpSettings.DEFAULTS, Runnable::run);

    private static DatagramPacket datagram(TftpPacket packet) {
        return new DatagramPacket(TftpCodec.encode(packet, UnpooledByteBufAllocator.DEFAULT), SERVER, CLIENT);
    }

    private static TftpPacket.Error answer(EmbeddedChannel channel) throws Exception {
        DatagramPacket out = channel.readOutbound();
        try {
            assertThat(out.recipient()).isEqualTo(CLIENT);
            return (TftpPacket.Error) TftpCodec.decode(out.content());
        } finally {
            out.release();
        }
    }

    @Test
    void writeRequestsGetAccessViolationAndEveryBufferIsReleased() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new TftpRequestHandler(runtime));
        DatagramPacket wrq = datagram(new TftpPacket.Wrq("x", "octet", Map.of()));
        ByteBuf content = wrq.content();
        channel.writeInbound(wrq);
        assertThat(content.refCnt()).isZero();
        assertThat(answer(channel).code()).isEqualTo(TftpErrorCode.ACCESS_VIOLATION.code());
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aMissingFileIsFileNotFoundWithoutServerPathsInTheReply() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new TftpRequestHandler(runtime));
        channel.writeInbound(datagram(new TftpPacket.Rrq("undionly.kpxe", "octet", Map.of())));
        channel.runPendingTasks();
        TftpPacket.Error error = answer(channel);
        assertThat(error.code()).isEqualTo(TftpErrorCode.FILE_NOT_FOUND.code());
        assertThat(error.message()).isEqualTo("file not found");
        assertThat(runtime.activeTransfers()).isZero();
    }

    @Test
    void errorsAreNeverAnswered() {
        EmbeddedChannel channel = new EmbeddedChannel(new TftpRequestHandler(runtime));
        channel.writeInbound(datagram(new TftpPacket.Error(0, "bye")));
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isTrue();
    }
}
