package org.streamboot.server.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running server against a scripted client on loopback: lost ACKs, duplicate ACKs,
 * strangers on the transfer port, silent clients, declined options, the transfer cap and
 * garbage on the request port.
 */
@Timeout(60)
class TftpLossTest {

    private static final int RETRANSMIT_MS = 150;

    @TempDir
    Path root;
    TftpServerFixture server;
    byte[] content;

    @BeforeEach
    void start() throws Exception {
        content = new byte[40 * 512 + 99];
        new Random(7).nextBytes(content);
        Files.write(root.resolve("file.bin"), content);
        TftpSettings settings = TftpSettings.DEFAULTS.withRetransmitAfter(Duration.ofMillis(RETRANSMIT_MS))
                .withMaxRetries(3).withMaxTransfers(2);
        server = new TftpServerFixture(root, settings);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static TftpPacket.Rrq rrq(String file) {
        return new TftpPacket.Rrq(file, "octet", Map.of());
    }

    private static byte[] payload(TftpPacket.Data data) {
        byte[] b = new byte[data.length()];
        data.payload().duplicate().get(b);
        return b;
    }

    @Test
    void droppedAcksAreRecoveredByRetransmissionAndTheFileArrivesIntact() throws Exception {
        try (RawTftpClient client = new RawTftpClient(server.port)) {
            client.sendRequest(rrq("file.bin"));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            Random loss = new Random(99);
            int dropped = 0;
            int expected = 1;
            while (true) {
                RawTftpClient.Received r = client.expect(2000);
                TftpPacket.Data data = (TftpPacket.Data) r.packet();
                if (data.block() != expected) {
                    continue; // a retransmission of a block already written
                }
                if (loss.nextInt(4) == 0) {
                    dropped++; // our ACK is "lost": the server must send this block again
                    assertThat(((TftpPacket.Data) client.expect(2000).packet()).block()).isEqualTo(expected);
                }
                got.writeBytes(payload(data));
                client.send(new TftpPacket.Ack(data.block()), r.from());
                expected++;
                if (data.length() < 512) {
                    break;
                }
            }
            assertThat(dropped).isPositive();
            assertThat(got.toByteArray()).isEqualTo(content);
            awaitEvent("finished", "file.bin");
            assertThat(server.events("finished", "file.bin").getFirst().detail()).contains(dropped + " retransmits");
        }
    }

    @Test
    void duplicateAcksDoNotMakeTheServerSendTwice() throws Exception {
        // A retransmission timer far longer than the test: any DATA that comes now was caused by an ACK.
        server.close();
        server = new TftpServerFixture(root, TftpSettings.DEFAULTS.withRetransmitAfter(Duration.ofSeconds(30)));
        try (RawTftpClient client = new RawTftpClient(server.port)) {
            client.sendRequest(rrq("file.bin"));
            RawTftpClient.Received first = client.expect(2000);
            client.send(new TftpPacket.Ack(1), first.from());
            assertThat(((TftpPacket.Data) client.expect(2000).packet()).block()).isEqualTo(2);
            // Three stale ACKs for block 1 (RFC 1123 4.2.3.1): none may produce DATA.
            for (int i = 0; i < 3; i++) {
                client.send(new TftpPacket.Ack(1), first.from());
            }
            assertThat(client.receive(700)).isEmpty();
            client.send(new TftpPacket.Ack(2), first.from());
            assertThat(((TftpPacket.Data) client.expect(2000).packet()).block()).isEqualTo(3);
            assertThat(client.receive(300)).isEmpty();
        }
    }

    @Test
    void aStrangerOnTheTransferPortGetsError5AndTheTransferGoesOn() throws Exception {
        try (RawTftpClient client = new RawTftpClient(server.port); RawTftpClient stranger = new RawTftpClient(server.port)) {
            client.sendRequest(rrq("file.bin"));
            RawTftpClient.Received first = client.expect(2000);
            assertThat(first.from().getPort()).as("a transfer port of its own").isNotEqualTo(server.port);
            stranger.send(new TftpPacket.Ack(1), first.from());
            TftpPacket.Error error = (TftpPacket.Error) stranger.expect(2000).packet();
            assertThat(error.code()).isEqualTo(TftpErrorCode.UNKNOWN_TRANSFER_ID.code());
            client.send(new TftpPacket.Ack(1), first.from());
            assertThat(((TftpPacket.Data) client.expect(2000).packet()).block()).isEqualTo(2);
        }
    }

    @Test
    void aSilentClientIsGivenUpAfterTheRetries() throws Exception {
        try (RawTftpClient client = new RawTftpClient(server.port)) {
            client.sendRequest(rrq("file.bin"));
            int copies = 0;
            TftpPacket last;
            do {
                last = client.expect(2000).packet();
                copies++;
            } while (last instanceof TftpPacket.Data);
            assertThat(copies - 1).as("DATA 1 and its 3 retransmissions").isEqualTo(4);
            assertThat(((TftpPacket.Error) last).message()).contains("timed out");
            awaitEvent("failed", "file.bin");
            assertThat(server.events("failed", "file.bin").getFirst().detail()).contains("stopped answering");
            assertThat(server.service.activeTransfers()).isZero();
        }
    }

    @Test
    void aClientEndingAfterATsizeOackEndsTheTransferAsASizeProbe() throws Exception {
        try (RawTftpClient client = new RawTftpClient(server.port)) {
            client.sendRequest(new TftpPacket.Rrq("file.bin", "octet", Map.of("blksize", "1024", "tsize", "0")));
            RawTftpClient.Received oack = client.expect(2000);
            assertThat(oack.packet()).isEqualTo(new TftpPacket.Oack(Map.of("blksize", "1024", "tsize",
                    Integer.toString(content.length))));
            client.send(new TftpPacket.Error(TftpErrorCode.OPTION_NEGOTIATION, "blksize too big"), oack.from());
            // PXE firmware asks the size this way before the download; EDK2 sends the same error code.
            awaitEvent("sizeProbed", "file.bin");
            assertThat(server.events("sizeProbed", "file.bin").getFirst().detail()).isEqualTo("blksize too big");
            assertThat(server.events("failed", "file.bin")).isEmpty();
            assertThat(client.receive(RETRANSMIT_MS * 2)).isEmpty();
            assertThat(server.service.activeTransfers()).isZero();
        }
    }

    @Test
    void transfersBeyondTheCapAreRefusedWithAClearError() throws Exception {
        try (RawTftpClient a = new RawTftpClient(server.port); RawTftpClient b = new RawTftpClient(server.port);
             RawTftpClient c = new RawTftpClient(server.port)) {
            a.sendRequest(rrq("file.bin"));
            b.sendRequest(rrq("file.bin"));
            a.expect(2000);
            b.expect(2000);
            c.sendRequest(rrq("file.bin"));
            TftpPacket.Error busy = (TftpPacket.Error) c.expect(2000).packet();
            assertThat(busy.message()).contains("server busy").contains("2 transfers");
        }
    }

    @Test
    void garbageOnTheRequestPortGetsAnErrorAndTheServiceKeepsServing() throws Exception {
        try (RawTftpClient client = new RawTftpClient(server.port)) {
            InetSocketAddress port69 = new InetSocketAddress("127.0.0.1", server.port);
            client.sendRaw(new byte[] {0, 1, 'x'}, port69);
            assertThat(((TftpPacket.Error) client.expect(2000).packet()).code()).isEqualTo(TftpErrorCode.ILLEGAL_OPERATION.code());
            client.sendRaw(new byte[] {0, 9}, port69);
            assertThat(client.expect(2000).packet()).isInstanceOf(TftpPacket.Error.class);
            client.sendRequest(new TftpPacket.Rrq("file.bin", "mail", Map.of()));
            assertThat(((TftpPacket.Error) client.expect(2000).packet()).message()).contains("mode 'mail'");
            client.sendRequest(new TftpPacket.Rrq("file.bin", "octet", Map.of("blksize", "4")));
            assertThat(((TftpPacket.Error) client.expect(2000).packet()).code()).isEqualTo(TftpErrorCode.OPTION_NEGOTIATION.code());
            assertThat(server.service.malformedPackets()).isEqualTo(2);
            // netascii is served byte for byte.
            client.sendRequest(new TftpPacket.Rrq("file.bin", "netascii", Map.of()));
            assertThat(client.expect(2000).packet()).isInstanceOf(TftpPacket.Data.class);
        }
    }

    private void awaitEvent(String kind, String file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.events(kind, file).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.events(kind, file)).as(kind + " event for " + file + " in " + server.events).isNotEmpty();
    }
}
