package org.streamboot.server.scsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.scsi.ScsiTesting.BLOCK;
import static org.streamboot.server.scsi.ScsiTesting.hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.streamboot.server.block.MemoryDevice;

/**
 * Seeded random and mutated CDBs against writable, read-only and failing devices: execute()
 * never throws and always answers GOOD (with at most the allowed data) or CHECK CONDITION with
 * well-formed sense data.
 */
class ScsiFuzzTest {

    private static final int ROUNDS = 30_000;
    private static final Set<Integer> SENSE_KEYS = Set.of(SenseData.ILLEGAL_REQUEST, SenseData.DATA_PROTECT,
            SenseData.MEDIUM_ERROR, SenseData.MISCOMPARE);
    private static final List<String> VALID = List.of(
            "00 00 00 00 00 00", "03 00 00 00 12 00", "08 00 00 01 02 00", "0a 00 00 01 02 00", "12 01 83 00 ff 00",
            "15 10 00 00 18 00", "1a 00 3f 00 ff 00", "25 00 00 00 00 00 00 00 00 00",
            "28 08 00 00 00 02 00 00 04 00", "2a 08 00 00 00 02 00 00 04 00", "2e 02 00 00 00 01 00 00 01 00",
            "2f 02 00 00 00 01 00 00 01 00", "35 00 00 00 00 00 00 00 00 00", "41 08 00 00 00 00 00 00 08 00",
            "42 00 00 00 00 00 00 00 18 00", "5a 10 3f 00 00 00 00 01 00 00",
            "88 00 00 00 00 00 00 00 00 05 00 00 00 03 00 00", "89 00 00 00 00 00 00 00 00 01 00 00 00 01 00 00",
            "8a 00 00 00 00 00 00 00 00 05 00 00 00 03 00 00", "93 09 00 00 00 00 00 00 00 05 00 00 00 03 00 00",
            "9e 10 00 00 00 00 00 00 00 00 00 00 00 20 00 00", "9e 12 00 00 00 00 00 00 00 00 00 00 00 20 00 00",
            "a0 00 00 00 00 00 00 00 01 00 00 00", "a3 0c 80 00 00 00 00 00 ff ff 00 00",
            "a3 0c 02 9e 00 10 00 00 ff ff 00 00", "a8 00 00 00 00 03 00 00 00 02 00 00");

    @Test
    void randomAndMutatedCdbsAlwaysGetAnAnswer() {
        Random random = new Random(0x5c5151L);
        List<ScsiTarget> targets = List.of(
                ScsiTesting.target(new MemoryDevice(64 * BLOCK)),
                ScsiTesting.target(new MemoryDevice(new byte[64 * BLOCK + 77], true)),
                ScsiTesting.target(new FailingDevice(64 * BLOCK, new IOException("unreadable"))),
                new BlockScsiTarget(new SizedDevice(1L << 42), ScsiTesting.settings(4096)));
        int good = 0;
        int refused = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] cdb = random.nextInt(3) == 0 ? randomCdb(random) : mutate(hex(VALID.get(random.nextInt(VALID.size()))), random);
            byte[] dataOut = new byte[random.nextInt(4) == 0 ? random.nextInt(5000) : random.nextInt(3) * BLOCK];
            random.nextBytes(dataOut);
            if (dataOut.length > 0 && random.nextBoolean()) {
                dataOut[0] = 0; // some all-zero prefixes, for WRITE SAME and parameter headers
            }
            int allocation = random.nextInt(4) == 0 ? random.nextInt(1 << 20) : random.nextInt(600);
            long lun = random.nextInt(10) == 0 ? random.nextInt(300) : 0;
            ScsiTarget target = targets.get(random.nextInt(targets.size()));
            ScsiRequest request = new ScsiRequest(lun, cdb, ByteBuffer.wrap(dataOut), allocation, "fuzz");
            ScsiResult result = target.execute(request);
            assertThat(result).as("round %d", i).isNotNull();
            if (result.status() == ScsiStatus.GOOD) {
                good++;
                assertThat(result.sense()).isNull();
                assertThat(result.dataIn().remaining()).as("round %d CDB %s", i, hex(ByteBuffer.wrap(cdb)))
                        .isLessThanOrEqualTo(allocation);
            } else {
                refused++;
                assertThat(result.status()).as("round %d", i).isEqualTo(ScsiStatus.CHECK_CONDITION);
                assertThat(result.sense()).isNotNull();
                assertThat(SENSE_KEYS).contains(result.sense().senseKey());
                byte[] fixed = result.sense().fixedFormat();
                assertThat(fixed).hasSize(18);
                assertThat(fixed[0] & 0x7f).isEqualTo(0x70);
                assertThat(result.dataIn().remaining()).isZero();
            }
        }
        assertThat(good).isGreaterThan(ROUNDS / 20);
        assertThat(refused).isGreaterThan(ROUNDS / 20);
    }

    private static byte[] randomCdb(Random random) {
        Command[] all = Command.values();
        int length = random.nextInt(5) == 0 ? random.nextInt(18) : all[random.nextInt(all.length)].length();
        byte[] cdb = new byte[length];
        random.nextBytes(cdb);
        if (length > 0 && random.nextBoolean()) {
            Command c = all[random.nextInt(all.length)];
            cdb[0] = (byte) c.opcode;
            if (c.hasServiceAction() && length > 1) {
                cdb[1] = (byte) c.serviceAction;
            }
        }
        return cdb;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] cdb = valid.clone();
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            int at = 1 + random.nextInt(cdb.length - 1);
            switch (random.nextInt(3)) {
                case 0 -> cdb[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> cdb[at] = (byte) random.nextInt(256);
                default -> cdb[at] = (byte) (random.nextBoolean() ? 0 : 0xff);
            }
        }
        if (random.nextInt(10) == 0) {
            cdb = java.util.Arrays.copyOf(cdb, random.nextInt(cdb.length + 4));
        }
        return cdb;
    }
}
