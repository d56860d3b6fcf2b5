package org.streamboot.server.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.streamboot.server.tftp.TftpTransfer.Action;

/** The transfer state machine alone: a test client that reads the file from an array. */
class TftpTransferTest {

    private static byte[] file(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static TftpOptions options(int blockSize, int windowSize, boolean oack) {
        Map<String, String> acked = new LinkedHashMap<>();
        if (oack) {
            acked.put("blksize", Integer.toString(blockSize));
        }
        return new TftpOptions(blockSize, windowSize, Duration.ofSeconds(1), acked);
    }

    /** Resolves reads at once, so each step returns what reaches the wire. */
    private static final class Driver {
        final byte[] file;
        final TftpTransfer transfer;
        int reads;

        Driver(byte[] file, TftpOptions options, int readAhead) {
            this.file = file;
            this.transfer = new TftpTransfer(file.length, options, 3, readAhead);
        }

        Action resolve(Action action) {
            while (action instanceof Action.Read read) {
                reads++;
                int n = (int) Math.min(read.length(), file.length - read.offset());
                byte[] chunk = Arrays.copyOfRange(file, (int) read.offset(), (int) read.offset() + n);
                action = transfer.onChunkRead(read.offset(), chunk, n);
            }
            return action;
        }

        Action start() {
            return resolve(transfer.start());
        }

        Action ack(int block) {
            return resolve(transfer.onAck(block));
        }
    }

    private static List<TftpPacket.Data> data(Action action) {
        assertThat(action).isInstanceOf(Action.Send.class);
        List<TftpPacket.Data> out = new ArrayList<>();
        for (TftpPacket p : ((Action.Send) action).packets()) {
            out.add((TftpPacket.Data) p);
        }
        return out;
    }

    private static byte[] bytes(TftpPacket.Data d) {
        byte[] b = new byte[d.length()];
        d.payload().duplicate().get(b);
        return b;
    }

    @Test
    void lockStepTransferWithoutOptions() {
        byte[] content = file(1300);
        Driver d = new Driver(content, options(512, 1, false), 0);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Action a = d.start();
        int expectedBlock = 1;
        while (!(a instanceof Action.Complete)) {
            TftpPacket.Data block = data(a).getFirst();
            assertThat(block.block()).isEqualTo(expectedBlock++);
            got.writeBytes(bytes(block));
            a = d.ack(block.block());
        }
        assertThat(got.toByteArray()).isEqualTo(content);
        assertThat(expectedBlock - 1).isEqualTo(3);
        assertThat(d.transfer.state()).isEqualTo(TftpTransfer.State.COMPLETE);
        assertThat(d.transfer.bytesAcknowledged()).isEqualTo(1300);
    }

    @Test
    void aSizeThatIsAMultipleOfTheBlockSizeEndsWithAnEmptyBlock() {
        Driver d = new Driver(file(1024), options(512, 1, false), 0);
        assertThat(data(d.start()).getFirst().length()).isEqualTo(512);
        assertThat(data(d.ack(1)).getFirst().length()).isEqualTo(512);
        TftpPacket.Data last = data(d.ack(2)).getFirst();
        assertThat(last.block()).isEqualTo(3);
        assertThat(last.length()).isZero();
        assertThat(d.ack(3)).isInstanceOf(Action.Complete.class);
    }

    @Test
    void anEmptyFileIsOneEmptyBlock() {
        Driver d = new Driver(new byte[0], options(512, 1, false), 0);
        TftpPacket.Data only = data(d.start()).getFirst();
        assertThat(only.block()).isEqualTo(1);
        assertThat(only.length()).isZero();
        assertThat(d.ack(1)).isInstanceOf(Action.Complete.class);
    }

    @Test
    void oackMustBeAcknowledgedWithBlockZeroFirst() {
        Driver d = new Driver(file(100), options(64, 1, true), 0);
        Action first = d.start();
        assertThat(((Action.Send) first).packets()).containsExactly(new TftpPacket.Oack(Map.of("blksize", "64")));
        assertThat(d.ack(1)).isInstanceOf(Action.Ignore.class);
        assertThat(data(d.ack(0)).getFirst().block()).isEqualTo(1);
    }

    @Test
    void timeoutRetransmitsTheSameWindowUntilTheRetryLimitThenFails() {
        Driver d = new Driver(file(2000), options(512, 2, false), 0);
        List<TftpPacket.Data> window = data(d.start());
        assertThat(window).extracting(TftpPacket.Data::block).containsExactly(1, 2);
        for (int retry = 1; retry <= 3; retry++) {
            Action again = d.transfer.onTimeout();
            assertThat(((Action.Send) again).retransmission()).isTrue();
            assertThat(data(again)).isEqualTo(window);
        }
        assertThat(d.transfer.retransmits()).isEqualTo(6);
        Action gaveUp = d.transfer.onTimeout();
        assertThat(gaveUp).isInstanceOf(Action.Fail.class);
        assertThat(((Action.Fail) gaveUp).reason()).contains("stopped answering");
        assertThat(d.transfer.state()).isEqualTo(TftpTransfer.State.FAILED);
    }

    @Test
    void aDroppedAckIsRecoveredByTheTimerAndTheRetryCountStartsAgainPerWindow() {
        byte[] content = file(5000);
        Driver d = new Driver(content, options(512, 1, false), 0);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Action a = d.start();
        Random loss = new Random(42);
        int dropped = 0;
        while (!(a instanceof Action.Complete)) {
            TftpPacket.Data block = data(a).getFirst();
            if (loss.nextInt(3) == 0) {
                // The client's ACK (or our DATA) is lost: only our timer can move things on.
                dropped++;
                a = d.transfer.onTimeout();
                assertThat(data(a).getFirst()).isEqualTo(block);
                continue;
            }
            got.writeBytes(bytes(block));
            a = d.ack(block.block());
        }
        assertThat(dropped).isPositive();
        assertThat(d.transfer.retransmits()).isEqualTo(dropped);
        assertThat(got.toByteArray()).isEqualTo(content);
    }

    @Test
    void duplicateAcksDoNotTriggerRetransmission() {
        // RFC 1123 4.2.3.1: answering each duplicate ACK would double traffic (Sorcerer's Apprentice).
        Driver d = new Driver(file(3000), options(512, 1, false), 0);
        d.start();
        List<TftpPacket.Data> second = data(d.ack(1));
        assertThat(second.getFirst().block()).isEqualTo(2);
        assertThat(d.ack(1)).isInstanceOf(Action.Ignore.class);
        assertThat(d.ack(1)).isInstanceOf(Action.Ignore.class);
        assertThat(d.transfer.duplicateAcks()).isEqualTo(2);
        assertThat(data(d.ack(2)).getFirst().block()).isEqualTo(3);
    }

    @Test
    void staleAcksOutsideTheWindowAreIgnored() {
        Driver d = new Driver(file(10_000), options(512, 4, false), 0);
        d.start();
        data(d.ack(4));
        assertThat(d.ack(2)).isInstanceOf(Action.Ignore.class);
        assertThat(d.ack(200)).isInstanceOf(Action.Ignore.class);
    }

    @Test
    void windowsAdvanceOnTheLastBlockAndRestartAfterAPartialAck() {
        Driver d = new Driver(file(20 * 512 + 7), options(512, 4, false), 0);
        assertThat(data(d.start())).extracting(TftpPacket.Data::block).containsExactly(1, 2, 3, 4);
        assertThat(data(d.ack(4))).extracting(TftpPacket.Data::block).containsExactly(5, 6, 7, 8);
        // The client lost block 7: it acknowledges 6, and the window restarts at 7 (RFC 7440 section 4).
        assertThat(data(d.ack(6))).extracting(TftpPacket.Data::block).containsExactly(7, 8, 9, 10);
        assertThat(d.transfer.blocksAcknowledged()).isEqualTo(6);
    }

    @Test
    void blockNumbersRollOverToZeroPast65535() {
        int blockSize = 8;
        byte[] content = file(70_000 * blockSize + 3);
        Driver d = new Driver(content, options(blockSize, 1, false), 4096);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        List<Integer> numbersAroundRollover = new ArrayList<>();
        Action a = d.start();
        long sent = 0;
        while (!(a instanceof Action.Complete)) {
            TftpPacket.Data block = data(a).getFirst();
            sent++;
            if (sent >= 65534 && sent <= 65538) {
                numbersAroundRollover.add(block.block());
            }
            got.writeBytes(bytes(block));
            a = d.ack(block.block());
        }
        assertThat(numbersAroundRollover).containsExactly(65534, 65535, 0, 1, 2);
        assertThat(sent).isEqualTo(70_001);
        assertThat(got.toByteArray()).isEqualTo(content);
        // Read-ahead: one disk read per 4096 bytes, not one per 8-byte block.
        assertThat(d.reads).isLessThanOrEqualTo(content.length / 4096 + 1);
    }

    @Test
    void rolloverWorksInsideAWindow() {
        byte[] content = file(65_540 * 8);
        Driver d = new Driver(content, options(8, 16, false), 0);
        Action a = d.start();
        long acked = 0;
        List<Integer> acrossRollover = List.of();
        while (!(a instanceof Action.Complete)) {
            List<TftpPacket.Data> window = data(a);
            List<Integer> numbers = window.stream().map(TftpPacket.Data::block).toList();
            if (numbers.contains(65535) && numbers.contains(0)) {
                acrossRollover = numbers;
            }
            acked += window.size();
            a = d.ack(window.getLast().block());
        }
        assertThat(acked).isEqualTo(65_541);
        assertThat(d.transfer.bytesAcknowledged()).isEqualTo(content.length);
        // 65541 blocks in windows of 16: the 4096th window holds 65521..65535 and then 0.
        assertThat(acrossRollover).endsWith(65534, 65535, 0);
    }

    @Test
    void anErrorRightAfterATsizeOackIsTheFirmwaresSizeProbeNotAFailure() {
        Map<String, String> acked = new LinkedHashMap<>();
        acked.put("tsize", "100");
        acked.put("blksize", "64");
        Driver d = new Driver(file(100), new TftpOptions(64, 1, Duration.ofSeconds(1), acked), 0);
        d.start();
        Action probed = d.transfer.onPeerError(new TftpPacket.Error(TftpErrorCode.NOT_DEFINED, "TFTP Aborted"));
        assertThat(probed).isEqualTo(new Action.SizeProbed(100, "TFTP Aborted"));
        assertThat(d.transfer.isOver()).isTrue();
        assertThat(d.transfer.onTimeout()).isInstanceOf(Action.Ignore.class);

        // The same ERROR once data has flowed is a real abort.
        Driver later = new Driver(file(1000), new TftpOptions(64, 1, Duration.ofSeconds(1), acked), 0);
        later.start();
        later.ack(0);
        assertThat(later.transfer.onPeerError(new TftpPacket.Error(TftpErrorCode.NOT_DEFINED, "TFTP Aborted")))
                .isInstanceOf(Action.Fail.class);
    }

    @Test
    void clientErrorsEndTheTransferWithoutAReply() {
        Driver d = new Driver(file(100), options(64, 1, true), 0);
        d.start();
        Action declined = d.transfer.onPeerError(new TftpPacket.Error(TftpErrorCode.OPTION_NEGOTIATION, "no thanks"));
        assertThat(declined).isInstanceOf(Action.Fail.class);
        assertThat(((Action.Fail) declined).reason()).contains("declined the options").contains("no thanks");
        assertThat(((Action.Fail) declined).reply()).isEmpty();
        assertThat(d.transfer.onTimeout()).isInstanceOf(Action.Ignore.class);
    }

    @Test
    void unexpectedPacketsAndShrinkingFilesFailWithAnError() {
        Driver d = new Driver(file(100), options(64, 1, false), 0);
        d.start();
        Action odd = d.transfer.onUnexpected(new TftpPacket.Data(1, ByteBuffer.allocate(0)));
        assertThat(((Action.Fail) odd).reply().orElseThrow().code()).isEqualTo(TftpErrorCode.ILLEGAL_OPERATION.code());

        TftpTransfer shrinking = new TftpTransfer(1000, options(512, 1, false), 3, 0);
        Action.Read read = (Action.Read) shrinking.start();
        Action failed = shrinking.onChunkRead(read.offset(), new byte[read.length()], 100);
        assertThat(((Action.Fail) failed).reason()).contains("shorter");
    }
}
