package org.streamboot.server.scsi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.streamboot.server.block.BlockDevice;

/** CDBs written as hex, requests, and checks on results. */
final class ScsiTesting {

    static final int BLOCK = 512;
    static final int MAX_ALLOCATION = 1 << 24;

    private ScsiTesting() {
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static String hex(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    static byte[] bytes(ScsiResult result) {
        byte[] b = new byte[result.dataIn().remaining()];
        result.dataIn().duplicate().get(b);
        return b;
    }

    static BlockScsiTarget target(BlockDevice device) {
        return new BlockScsiTarget(device, settings(BLOCK));
    }

    static BlockTargetSettings settings(int blockSize) {
        return new BlockTargetSettings("vDisk", "0001", "SB0001", 0x123456789abcdefL,
                "iqn.2025-01.org.streamboot:lab", blockSize, 8 << 20);
    }

    static ScsiResult run(ScsiTarget target, String cdb) {
        return run(target, hex(cdb), new byte[0]);
    }

    static ScsiResult run(ScsiTarget target, String cdb, byte[] dataOut) {
        return run(target, hex(cdb), dataOut);
    }

    static ScsiResult run(ScsiTarget target, byte[] cdb, byte[] dataOut) {
        return target.execute(new ScsiRequest(0, cdb, ByteBuffer.wrap(dataOut), MAX_ALLOCATION, "iqn.test:initiator"));
    }

    static void assertGood(ScsiResult result) {
        assertThat(result.status()).as("status, sense %s", result.sense()).isEqualTo(ScsiStatus.GOOD);
        assertThat(result.sense()).isNull();
    }

    static void assertSense(ScsiResult result, int key, int asc, int ascq) {
        assertThat(result.status()).isEqualTo(ScsiStatus.CHECK_CONDITION);
        assertThat(result.sense()).isNotNull();
        assertThat(new int[] {result.sense().senseKey(), result.sense().asc(), result.sense().ascq()})
                .as("key/asc/ascq of %s", result.sense()).containsExactly(key, asc, ascq);
        assertThat(result.dataIn().remaining()).isZero();
    }

    static void assertInvalidField(ScsiResult result, int index, int bit) {
        assertSense(result, SenseData.ILLEGAL_REQUEST, 0x24, 0x00);
        byte[] fixed = result.sense().fixedFormat();
        assertThat(fixed[15] & 0xff).as("SKSV, C/D, BPV, bit pointer").isEqualTo(0xc8 | bit);
        assertThat(((fixed[16] & 0xff) << 8) | (fixed[17] & 0xff)).as("field pointer").isEqualTo(index);
    }

    static void assertLbaOutOfRange(ScsiResult result) {
        assertSense(result, SenseData.ILLEGAL_REQUEST, 0x21, 0x00);
    }

    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }
}
