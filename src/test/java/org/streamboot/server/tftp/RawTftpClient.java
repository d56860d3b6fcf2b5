package org.streamboot.server.tftp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * A TFTP client that does exactly what a test tells it, packet by packet: it can drop
 * ACKs, repeat them, speak from the wrong port or go silent, which no real client will do
 * on demand. Received datagrams remember their sender (the server's transfer ID).
 */
final class RawTftpClient implements AutoCloseable {

    record Received(TftpPacket packet, InetSocketAddress from) {
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    RawTftpClient(int serverPort) throws Exception {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
    }

    void sendRequest(TftpPacket packet) throws Exception {
        send(packet, server);
    }

    void send(TftpPacket packet, InetSocketAddress to) throws Exception {
        ByteBuf buf = TftpCodec.encode(packet, UnpooledByteBufAllocator.DEFAULT);
        try {
            sendRaw(ByteBufUtil.getBytes(buf), to);
        } finally {
            buf.release();
        }
    }

    void sendRaw(byte[] bytes, InetSocketAddress to) throws Exception {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** The next packet within {@code millis}, or empty when none arrives. */
    Optional<Received> receive(int millis) throws Exception {
        byte[] buf = new byte[70_000];
        DatagramPacket datagram = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout(millis);
        try {
            socket.receive(datagram);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        TftpPacket packet = TftpCodec.decode(Unpooled.wrappedBuffer(buf, 0, datagram.getLength()));
        return Optional.of(new Received(packet, (InetSocketAddress) datagram.getSocketAddress()));
    }

    Received expect(int millis) throws Exception {
        return receive(millis).orElseThrow(() -> new AssertionError("nothing received within " + millis + " ms"));
    }

    @Override
    public void close() {
        socket.close();
    }
}
