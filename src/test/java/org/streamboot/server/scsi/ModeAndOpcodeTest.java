package org.streamboot.server.scsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.scsi.ScsiTesting.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.streamboot.server.block.MemoryDevice;

/** MODE SENSE/SELECT, REPORT SUPPORTED OPERATION CODES and the SPC-5 housekeeping commands. */
class ModeAndOpcodeTest {

    private final BlockScsiTarget target = target(new MemoryDevice(2048 * BLOCK));

    private static final String CACHING = "08 12 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";
    private static final String CONTROL = "0a 0a 02 10 00 00 00 00 00 00 00 00";
    private static final String IE = "1c 0a 08 00 00 00 00 00 00 00 00 00";

    @Test
    void modeSense6AllPagesGoldenBytes() {
        // SPC-5 6.14: MODE SENSE (6), page 3Fh, allocation length 255
        assertThat(hex(run(target, "1a 00 3f 00 ff 00").dataIn())).isEqualTo(
                "37 00 10 08 " + "00 00 08 00 00 00 02 00 " + CACHING + " " + CONTROL + " " + IE);
        // DBD: no block descriptor
        assertThat(hex(run(target, "1a 08 08 00 ff 00").dataIn())).isEqualTo("17 00 10 00 " + CACHING);
        // changeable values: nothing is
        assertThat(hex(run(target, "1a 08 48 00 ff 00").dataIn())).isEqualTo("17 00 10 00 08 12" + " 00".repeat(18));
        // default values equal current ones
        assertThat(hex(run(target, "1a 08 8a 00 ff 00").dataIn())).isEqualTo("0f 00 10 00 " + CONTROL);
        assertThat(hex(run(target, "1a 08 3f ff ff 00").dataIn())).startsWith("2f 00 10 00 08 12");
    }

    @Test
    void modeSense10WithLongLbaDescriptor() {
        // SPC-5 6.15: LLBAA gives a 16-byte block descriptor
        assertThat(hex(run(target, "5a 10 1c 00 00 00 00 00 ff 00").dataIn())).isEqualTo(
                "00 22 00 10 01 00 00 10 " + "00 00 00 00 00 00 08 00 00 00 00 00 00 00 02 00 " + IE);
        assertThat(hex(run(target, "5a 00 0a 00 00 00 00 00 ff 00").dataIn())).isEqualTo(
                "00 1a 00 10 00 00 00 08 " + "00 00 08 00 00 00 02 00 " + CONTROL);
    }

    @Test
    void modeSenseRefusals() {
        assertSense(run(target, "1a 00 c8 00 ff 00"), SenseData.ILLEGAL_REQUEST, 0x39, 0x00); // saved values
        assertInvalidField(run(target, "1a 00 19 00 ff 00"), 2, 5); // page not served
        assertInvalidField(run(target, "1a 00 0a 01 ff 00"), 3, 7); // subpage
        assertThat(bytes(run(target, "1a 00 3f 00 04 00"))).hasSize(4);
    }

    @Test
    void modeSelectAcceptsTheCurrentPagesAndRefusesChanges() {
        byte[] sense = bytes(run(target, "1a 00 08 00 ff 00"));
        sense[0] = 0; // MODE DATA LENGTH is reserved in MODE SELECT
        String length = String.format("%02x", sense.length);
        assertGood(run(target, "15 10 00 00 " + length + " 00", sense)); // SPC-5 6.11
        byte[] changed = sense.clone();
        changed[4 + 8 + 2] = 0; // WCE off: not changeable
        ScsiResult r = run(target, "15 10 00 00 " + length + " 00", changed);
        assertSense(r, SenseData.ILLEGAL_REQUEST, 0x26, 0x00);
        assertThat(r.sense().fixedFormat()[17]).isEqualTo((byte) 14);
        byte[] badBlockLength = sense.clone();
        badBlockLength[4 + 6] = 0x10; // 4096-byte blocks
        assertSense(run(target, "15 10 00 00 " + length + " 00", badBlockLength), SenseData.ILLEGAL_REQUEST, 0x26, 0x00);
        assertSense(run(target, "15 10 00 00 " + length + " 00", Arrays.copyOf(sense, 10)),
                SenseData.ILLEGAL_REQUEST, 0x1a, 0x00);
        assertInvalidField(run(target, "15 11 00 00 " + length + " 00", sense), 1, 0); // SP: nothing saveable
        assertGood(run(target, "15 10 00 00 00 00"));
        byte[] ten = bytes(run(target, "5a 08 1c 00 00 00 00 00 ff 00"));
        ten[0] = 0;
        ten[1] = 0;
        assertGood(run(target, "55 10 00 00 00 00 00 00 " + String.format("%02x", ten.length) + " 00", ten));
    }

    @Test
    void reportSupportedOperationCodesAllAndOne() {
        byte[] all = bytes(run(target, "a3 0c 00 00 00 00 00 00 ff ff 00 00"));
        int length = (int) Cdb.u32(all, 0);
        assertThat(length).isEqualTo(all.length - 4).isEqualTo(8 * Command.values().length);
        for (int at = 4; at < all.length; at += 8) {
            int opcode = all[at] & 0xff;
            boolean servactv = (all[at + 5] & 1) != 0;
            int sa = Cdb.u16(all, at + 2);
            String one = servactv
                    ? String.format("a3 0c 02 %02x %02x %02x 00 00 ff ff 00 00", opcode, sa >>> 8, sa & 0xff)
                    : String.format("a3 0c 01 %02x 00 00 00 00 ff ff 00 00", opcode);
            byte[] d = bytes(run(target, one));
            assertThat(d[1]).as("supported, opcode %02x", opcode).isEqualTo((byte) 3);
            assertThat(Cdb.u16(d, 2)).isEqualTo(Cdb.u16(all, at + 6));
            assertThat(d[4] & 0xff).isEqualTo(opcode);
            // the wrong reporting option for this opcode is an invalid field (libiscsi OneCommand)
            String wrong = servactv
                    ? String.format("a3 0c 01 %02x 00 00 00 00 ff ff 00 00", opcode)
                    : String.format("a3 0c 02 %02x 00 00 00 00 ff ff 00 00", opcode);
            assertInvalidField(run(target, wrong), 2, 2);
        }
        // READ (10) usage data (SPC-5 6.35.3), and an unsupported opcode
        assertThat(hex(run(target, "a3 0c 01 28 00 00 00 00 ff ff 00 00").dataIn()))
                .isEqualTo("00 03 00 0a 28 1e ff ff ff ff 3f ff ff 00");
        assertThat(hex(run(target, "a3 0c 01 c1 00 00 00 00 ff ff 00 00").dataIn())).isEqualTo("00 01 00 00");
        assertThat(hex(run(target, "a3 0c 02 9e 00 11 00 00 ff ff 00 00").dataIn())).isEqualTo("00 01 00 00");
    }

    @Test
    void reportSupportedOperationCodesWithTimeouts() {
        byte[] all = bytes(run(target, "a3 0c 80 00 00 00 00 00 ff ff 00 00"));
        assertThat(all.length - 4).isEqualTo(20 * Command.values().length);
        assertThat(all[4 + 5] & 2).as("CTDP").isEqualTo(2);
        assertThat(hex(run(target, "a3 0c 81 00 00 00 00 00 ff ff 00 00").dataIn())).isEqualTo(
                "00 83 00 06 00 00 00 00 00 00 00 0a 00 00 00 00 00 00 00 00 00 3c");
        assertInvalidField(run(target, "a3 0c 04 00 00 00 00 00 ff ff 00 00"), 2, 2);
        assertInvalidField(run(target, "a3 05 00 00 00 00 00 00 ff ff 00 00"), 1, 4); // other MAINTENANCE IN
    }

    @Test
    void housekeepingCommands() {
        assertGood(run(target, "00 00 00 00 00 00")); // TEST UNIT READY
        assertThat(hex(run(target, "03 00 00 00 fc 00").dataIn()))
                .isEqualTo("70 00 00 00 00 00 00 0a 00 00 00 00 00 00 00 00 00 00"); // REQUEST SENSE: NO SENSE
        assertInvalidField(run(target, "03 01 00 00 fc 00"), 1, 0); // DESC: descriptor format not offered
        assertGood(run(target, "1b 00 00 00 01 00")); // START STOP UNIT
        assertGood(run(target, "1b 01 00 00 02 00"));
        assertGood(run(target, "1e 00 00 00 01 00")); // PREVENT ALLOW MEDIUM REMOVAL
    }

    @Test
    void unknownOpcodesAndShortCdbs() {
        ScsiResult r = run(target, "c1 00 00 00 00 00");
        assertSense(r, SenseData.ILLEGAL_REQUEST, 0x20, 0x00);
        assertSense(run(target, "37 00 00 00 00 00 00 00 00 00"), SenseData.ILLEGAL_REQUEST, 0x20, 0x00); // READ DEFECT DATA
        assertSense(run(target, "28 00 00 00"), SenseData.ILLEGAL_REQUEST, 0x24, 0x00);
        assertSense(run(target, "9e"), SenseData.ILLEGAL_REQUEST, 0x24, 0x00);
        assertSense(run(target, ""), SenseData.ILLEGAL_REQUEST, 0x24, 0x00);
        // iSCSI carries 16-byte CDB fields: trailing padding is ignored
        assertGood(run(target, "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"));
    }

    @Test
    void senseKeySpecificFieldFormat() {
        // SPC-5 4.4.2.3: SKSV, C/D = 1, BPV = 1, bit pointer 5, field pointer 0x0102
        assertThat(Sense.invalidFieldInCdb(0x102, 5).fixedFormat()).containsExactly(
                hex("70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 cd 01 02"));
        assertThat(Sense.miscompare(0x1234).fixedFormat()).containsExactly(
                hex("f0 00 0e 00 00 12 34 0a 00 00 00 00 1d 00 00 00 00 00"));
        assertThat(Sense.miscompare(1L << 33).fixedFormat()[0]).as("too large for INFORMATION").isEqualTo((byte) 0x70);
    }
}
