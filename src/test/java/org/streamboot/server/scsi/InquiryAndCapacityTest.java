package org.streamboot.server.scsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.scsi.ScsiTesting.*;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.streamboot.server.block.MemoryDevice;

/** Golden bytes for INQUIRY, the VPD pages, READ CAPACITY and REPORT LUNS (SPC-5, SBC-4). */
class InquiryAndCapacityTest {

    /** 1 MiB + 100 bytes: 2048 whole blocks; the partial block is not addressable. */
    private final BlockScsiTarget target = target(new MemoryDevice((1 << 20) + 100));

    @Test
    void standardInquiryGoldenBytes() {
        // SPC-5 6.7: INQUIRY, EVPD 0, page 0, allocation length 0x00ff
        ScsiResult r = run(target, "12 00 00 00 ff 00");
        assertGood(r);
        assertThat(hex(r.dataIn())).isEqualTo(
                "00 00 06 12 5b 00 00 02 "
                + "53 54 52 4d 42 4f 4f 54 " // STRMBOOT
                + "76 44 69 73 6b 20 20 20 20 20 20 20 20 20 20 20 " // "vDisk" padded to 16
                + "30 30 30 31 " // revision 0001
                + "00 ".repeat(22)
                + "00 a0 04 60 05 c0 04 c0 06 00 " // SAM-5, SPC-4, SPC-5, SBC-3, SBC-4
                + "00 ".repeat(27) + "00");
    }

    @Test
    void inquiryHonoursAllocationLengthAndTransportLength() {
        assertThat(bytes(run(target, "12 00 00 00 24 00"))).hasSize(36);
        assertThat(bytes(run(target, "12 00 00 00 00 00"))).isEmpty();
        ScsiResult r = target.execute(new ScsiRequest(0, hex("12 00 00 00 ff 00"), ByteBuffer.allocate(0), 5, "i"));
        assertThat(hex(r.dataIn())).isEqualTo("00 00 06 12 5b");
    }

    @Test
    void vpdPagesGoldenBytes() {
        assertThat(hex(run(target, "12 01 00 00 ff 00").dataIn())).isEqualTo("00 00 00 06 00 80 83 b0 b1 b2");
        assertThat(hex(run(target, "12 01 80 00 ff 00").dataIn())).isEqualTo("00 80 00 06 53 42 30 30 30 31");
        assertThat(hex(run(target, "12 01 83 00 ff 00").dataIn())).isEqualTo(
                "00 83 00 42 "
                + "01 03 00 08 31 23 45 67 89 ab cd ef " // NAA 3h, locally assigned
                + "02 01 00 0e 53 54 52 4d 42 4f 4f 54 53 42 30 30 30 31 " // T10: STRMBOOT SB0001
                + "03 28 00 20 " // UTF-8 SCSI name string, target device
                + "69 71 6e 2e 32 30 32 35 2d 30 31 2e 6f 72 67 2e 73 74 72 65 61 6d 62 6f 6f 74 3a 6c 61 62 "
                + "00 00");
        assertThat(hex(run(target, "12 01 b0 00 ff 00").dataIn())).isEqualTo(
                "00 b0 00 3c 00 ff 00 08 00 00 40 00 00 00 08 00 00 00 00 00 "
                + "00 10 00 00 00 00 01 00 00 00 00 08 00 00 00 00 "
                + "00 00 00 00 00 08 00 00 " + "00 ".repeat(19) + "00");
        assertThat(hex(run(target, "12 01 b1 00 ff 00").dataIn())).isEqualTo(
                "00 b1 00 3c 00 01 " + "00 ".repeat(57) + "00");
        assertThat(hex(run(target, "12 01 b2 00 ff 00").dataIn())).isEqualTo("00 b2 00 04 00 e4 02 00");
    }

    @Test
    void everyListedVpdPageIsServedAndUnlistedOnesAreRefused() {
        byte[] list = bytes(run(target, "12 01 00 00 ff 00"));
        for (int i = 4; i < list.length; i++) {
            ScsiResult page = run(target, "12 01 " + String.format("%02x", list[i] & 0xff) + " 00 ff 00");
            assertGood(page);
            byte[] b = bytes(page);
            assertThat(b.length).isEqualTo(4 + (((b[2] & 0xff) << 8) | (b[3] & 0xff)));
        }
        assertInvalidField(run(target, "12 01 b9 00 ff 00"), 2, 7);
        // SPC-5 6.7.1: a page code with EVPD zero is an invalid field
        assertInvalidField(run(target, "12 00 80 00 ff 00"), 2, 7);
        // CMDDT (obsolete) is not supported
        assertInvalidField(run(target, "12 02 00 00 ff 00"), 1, 1);
    }

    @Test
    void readCapacityGoldenBytes() {
        // SBC-4 5.20: last LBA 2047 (0x7ff), block length 512
        assertThat(hex(run(target, "25 00 00 00 00 00 00 00 00 00").dataIn())).isEqualTo("00 00 07 ff 00 00 02 00");
        // SBC-4 5.21: SERVICE ACTION IN (16) / READ CAPACITY (16), allocation length 32
        assertThat(hex(run(target, "9e 10 00 00 00 00 00 00 00 00 00 00 00 20 00 00").dataIn())).isEqualTo(
                "00 00 00 00 00 00 07 ff 00 00 02 00 00 00 c0 00 " + "00 ".repeat(15) + "00");
        assertThat(bytes(run(target, "9e 10 00 00 00 00 00 00 00 00 00 00 00 0c 00 00"))).hasSize(12);
        assertInvalidField(run(target, "9e 11 00 00 00 00 00 00 00 00 00 00 00 20 00 00"), 1, 4);
    }

    @Test
    void readCapacity10SaturatesAbove32Bits() {
        BlockScsiTarget huge = new BlockScsiTarget(new SizedDevice(3L << 40), settings(512));
        assertThat(hex(run(huge, "25 00 00 00 00 00 00 00 00 00").dataIn())).isEqualTo("ff ff ff ff 00 00 02 00");
        assertThat(hex(run(huge, "9e 10 00 00 00 00 00 00 00 00 00 00 00 0c 00 00").dataIn()))
                .isEqualTo("00 00 00 01 7f ff ff ff 00 00 02 00");
    }

    @Test
    void fourKibibyteBlocks() {
        BlockScsiTarget t = new BlockScsiTarget(new MemoryDevice(1 << 20), settings(4096));
        assertThat(hex(run(t, "25 00 00 00 00 00 00 00 00 00").dataIn())).isEqualTo("00 00 00 ff 00 00 10 00");
        assertThat(bytes(run(t, "28 00 00 00 00 ff 00 00 01 00"))).hasSize(4096);
        assertLbaOutOfRange(run(t, "28 00 00 00 00 ff 00 00 02 00"));
    }

    @Test
    void reportLunsListsLunZeroOnly() {
        // SPC-5 6.33: SELECT REPORT 00h and 02h list LUN 0; 01h (well known) lists none
        assertThat(hex(run(target, "a0 00 00 00 00 00 00 00 00 ff 00 00").dataIn()))
                .isEqualTo("00 00 00 08 00 00 00 00 00 00 00 00 00 00 00 00");
        assertThat(hex(run(target, "a0 00 02 00 00 00 00 00 00 ff 00 00").dataIn()))
                .isEqualTo("00 00 00 08 00 00 00 00 00 00 00 00 00 00 00 00");
        assertThat(hex(run(target, "a0 00 01 00 00 00 00 00 00 ff 00 00").dataIn())).isEqualTo("00 00 00 00 00 00 00 00");
        assertInvalidField(run(target, "a0 00 07 00 00 00 00 00 00 ff 00 00"), 2, 7);
    }

    @Test
    void otherLunsAreNotSupportedButInquiryAndReportLunsAnswer() {
        ScsiRequest read = new ScsiRequest(1, hex("28 00 00 00 00 00 00 00 01 00"), ByteBuffer.allocate(0), 512, "i");
        assertSense(target.execute(read), SenseData.ILLEGAL_REQUEST, 0x25, 0x00);
        ScsiRequest unknown = new ScsiRequest(3, hex("c0 00 00 00 00 00"), ByteBuffer.allocate(0), 512, "i");
        assertSense(target.execute(unknown), SenseData.ILLEGAL_REQUEST, 0x25, 0x00);
        ScsiRequest inquiry = new ScsiRequest(1, hex("12 00 00 00 24 00"), ByteBuffer.allocate(0), 255, "i");
        ScsiResult r = target.execute(inquiry);
        assertGood(r);
        assertThat(bytes(r)[0] & 0xff).as("qualifier 011b, type 1Fh").isEqualTo(0x7f);
        ScsiRequest sense = new ScsiRequest(1, hex("03 00 00 00 12 00"), ByteBuffer.allocate(0), 255, "i");
        assertThat(hex(target.execute(sense).dataIn())).isEqualTo("70 00 05 00 00 00 00 0a 00 00 00 00 25 00 00 00 00 00");
        ScsiRequest luns = new ScsiRequest(5, hex("a0 00 00 00 00 00 00 00 00 ff 00 00"), ByteBuffer.allocate(0), 255, "i");
        assertGood(target.execute(luns));
    }

    @Test
    void viewIdentityIsStableAndDiffersBetweenViews() {
        BlockTargetSettings a = BlockTargetSettings.forView("vDisk", "vdisk-1/client-1", null, 512);
        BlockTargetSettings b = BlockTargetSettings.forView("vDisk", "vdisk-1/client-2", null, 512);
        assertThat(BlockTargetSettings.forView("vDisk", "vdisk-1/client-1", null, 512)).isEqualTo(a);
        assertThat(a.unitSerial()).isNotEqualTo(b.unitSerial()).hasSize(24);
        assertThat(a.naaLocal()).isNotEqualTo(b.naaLocal());
        byte[] page = bytes(run(new BlockScsiTarget(new MemoryDevice(4096), a), "12 01 83 00 ff 00"));
        assertThat(page[3]).as("two designators, no name").isEqualTo((byte) (12 + 4 + 8 + 24));
    }
}
