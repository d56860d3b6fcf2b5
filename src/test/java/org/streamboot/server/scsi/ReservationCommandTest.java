package org.streamboot.server.scsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.scsi.ScsiTesting.*;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.streamboot.server.block.MemoryDevice;

/** RESERVE (6)/RELEASE (6), persistent reservations and unit attentions, across two I_T nexuses. */
class ReservationCommandTest {

    private static final String A = "iqn.test:host,i,0x400000000001", B = "iqn.test:host,i,0x400000000002";
    private static final String READ = "28 00 00 00 00 00 00 00 01 00", WRITE = "2a 00 00 00 00 00 00 00 01 00";
    private static final int WE = 1, EA = 3, WERO = 5, EAAR = 8;

    private final MemoryDevice device = new MemoryDevice(pattern(64 * BLOCK, 4), false);
    private final BlockScsiTarget target = target(device);

    private ScsiResult as(String nexus, String cdb, byte[] data) {
        return target.execute(new ScsiRequest(0, hex(cdb), ByteBuffer.wrap(data), MAX_ALLOCATION, "iqn.test:host", nexus));
    }

    private ScsiResult as(String nexus, String cdb) {
        return as(nexus, cdb, new byte[0]);
    }

    private ScsiResult out(String nexus, int action, int type, long key, long serviceActionKey) {
        byte[] list = new byte[24];
        ByteBuffer.wrap(list).putLong(key).putLong(serviceActionKey);
        return as(nexus, String.format("5f %02x %02x 00 00 00 00 00 18 00", action, type), list);
    }

    private static void assertConflict(ScsiResult r) {
        assertThat(r.status()).isEqualTo(ScsiStatus.RESERVATION_CONFLICT);
    }

    @Test
    void reserve6ExcludesOtherNexusesUntilReleasedOrLost() {
        assertGood(as(A, "16 00 00 00 00 00"));
        assertGood(as(A, "16 00 00 00 00 00")); // the holder may reserve again
        assertConflict(as(B, "16 00 00 00 00 00"));
        assertConflict(as(B, READ));
        assertGood(as(B, "17 00 00 00 00 00")); // someone else's release changes nothing
        assertConflict(as(B, READ));
        assertGood(as(B, "12 00 00 00 24 00")); // INQUIRY never conflicts
        assertGood(as(A, WRITE, new byte[BLOCK]));
        target.nexusLost(A);
        assertGood(as(B, "16 00 00 00 00 00"));
        assertGood(as(B, "17 00 00 00 00 00"));
        assertGood(as(A, READ));
    }

    @Test
    void registerReserveAndTheAccessRulesOfEachType() {
        assertGood(out(A, 0, 0, 0, 0xaaL));
        assertGood(out(B, 0, 0, 0, 0xbbL));
        assertConflict(out(B, 0, 0, 0x99L, 0xbcL)); // wrong current key
        assertGood(out(A, 1, WE, 0xaaL, 0));
        assertConflict(out(B, 1, WE, 0xbbL, 0)); // held by A
        assertGood(as(B, READ));
        assertConflict(as(B, WRITE, new byte[BLOCK]));
        assertGood(as(A, WRITE, new byte[BLOCK]));
        assertSense(out(A, 2, EA, 0xaaL, 0), SenseData.ILLEGAL_REQUEST, 0x26, 0x04); // release of another type
        assertGood(out(A, 2, WE, 0xaaL, 0));
        assertGood(out(A, 1, EA, 0xaaL, 0));
        assertConflict(as(B, READ));
        assertGood(out(A, 2, EA, 0xaaL, 0));
        assertGood(out(A, 1, WERO, 0xaaL, 0));
        assertGood(as(B, WRITE, new byte[BLOCK])); // registrants may write
        assertGood(out(A, 2, WERO, 0xaaL, 0));
        assertGood(out(A, 1, EAAR, 0xaaL, 0));
        assertGood(as(B, READ));
        assertConflict(as("iqn.other,i,0x1", READ)); // not registered
        // RESERVE (6) while a persistent reservation exists: a holder's is GOOD and changes nothing (CRH = 1).
        assertConflict(as("iqn.other,i,0x1", "16 00 00 00 00 00"));
        assertGood(as(B, "16 00 00 00 00 00"));
        assertGood(as(A, READ));
        assertGood(out(A, 3, 0, 0xaaL, 0)); // CLEAR
        assertGood(as("iqn.other,i,0x1", READ));
    }

    @Test
    void readKeysReservationAndCapabilities() {
        assertGood(out(A, 0, 0, 0, 0x0102030405060708L));
        assertGood(out(B, 6, 0, 0x1234L, 0x0aL)); // REGISTER AND IGNORE EXISTING KEY
        assertThat(hex(as(A, "5e 00 00 00 00 00 00 00 ff 00").dataIn()))
                .isEqualTo("00 00 00 02 00 00 00 10 01 02 03 04 05 06 07 08 00 00 00 00 00 00 00 0a");
        assertThat(hex(as(A, "5e 01 00 00 00 00 00 00 ff 00").dataIn())).isEqualTo("00 00 00 02 00 00 00 00");
        assertGood(out(B, 1, WE, 0x0aL, 0));
        assertThat(hex(as(A, "5e 01 00 00 00 00 00 00 ff 00").dataIn()))
                .isEqualTo("00 00 00 02 00 00 00 10 00 00 00 00 00 00 00 0a 00 00 00 00 00 01 00 00");
        assertThat(hex(as(A, "5e 02 00 00 00 00 00 00 ff 00").dataIn())).isEqualTo("00 08 10 80 ea 01 00 00");
        assertThat(bytes(as(A, "5e 00 00 00 00 00 00 00 0c 00"))).hasSize(12); // ALLOCATION LENGTH cuts
        // PREEMPT: A removes B's registration and takes the reservation over.
        assertGood(out(A, 4, EA, 0x0102030405060708L, 0x0aL));
        assertThat(hex(as(A, "5e 01 00 00 00 00 00 00 ff 00").dataIn()))
                .isEqualTo("00 00 00 03 00 00 00 10 01 02 03 04 05 06 07 08 00 00 00 00 00 03 00 00");
        assertConflict(out(B, 1, EA, 0x0aL, 0)); // no longer registered
    }

    @Test
    void readFullStatusNamesEachRegistrantByItsTransportId() {
        String iscsi = "iqn.2026-11.org.streamboot:client.pc1,i,0x23d000000001";
        assertGood(out(iscsi, 0, 0, 0, 0x11L));
        assertGood(out(B, 0, 0, 0, 0x22L));
        assertGood(out(iscsi, 1, WE, 0x11L, 0));
        byte[] status = bytes(as(A, "5e 03 00 00 00 00 00 10 00 00"));
        ByteBuffer b = ByteBuffer.wrap(status);
        assertThat(b.getInt(0)).as("PRGENERATION: two registrations").isEqualTo(2);
        assertThat(b.getInt(4)).isEqualTo(status.length - 8);
        // The holder: key, R_HOLDER, SCOPE 0 / TYPE 1, relative port 1, an iSCSI TransportID of format 01b.
        assertThat(b.getLong(8)).isEqualTo(0x11L);
        assertThat(status[8 + 12]).isEqualTo((byte) 0x01);
        assertThat(status[8 + 13]).isEqualTo((byte) WE);
        assertThat(b.getShort(8 + 18)).isEqualTo((short) 1);
        int idLength = b.getInt(8 + 20);
        assertThat(status[8 + 24]).isEqualTo((byte) 0x45);
        assertThat(b.getShort(8 + 26)).isEqualTo((short) (idLength - 4));
        assertThat(idLength % 4).isZero();
        assertThat(new String(status, 8 + 28, iscsi.length(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(iscsi);
        assertThat(status[8 + 28 + iscsi.length()]).as("NUL-terminated").isZero();
        // The other registrant holds nothing.
        int second = 8 + 24 + idLength;
        assertThat(b.getLong(second)).isEqualTo(0x22L);
        assertThat(status[second + 12]).isZero();
        assertThat(second + 24 + b.getInt(second + 20)).isEqualTo(status.length);
    }

    @Test
    void persistentReserveOutRefusals() {
        assertSense(as(A, "5f 00 00 00 00 00 00 00 10 00", new byte[16]), SenseData.ILLEGAL_REQUEST, 0x1a, 0x00);
        byte[] aptpl = new byte[24];
        aptpl[20] = 1;
        assertSense(as(A, "5f 00 00 00 00 00 00 00 18 00", aptpl), SenseData.ILLEGAL_REQUEST, 0x26, 0x00);
        assertGood(out(A, 0, 0, 0, 1));
        assertSense(out(A, 1, 2, 1, 0), SenseData.ILLEGAL_REQUEST, 0x24, 0x00); // type 2 is obsolete
        assertSense(out(A, 1, 0x11, 1, 0), SenseData.ILLEGAL_REQUEST, 0x24, 0x00); // scope
        assertSense(as(A, "5f 07 00 00 00 00 00 00 18 00", new byte[24]), SenseData.ILLEGAL_REQUEST, 0x24, 0x00);
        assertThat(out(A, 0, 0, 1, 0).dataOutLength()).isEqualTo(24);
    }

    @Test
    void aResetRaisesOneUnitAttentionPerNexusAndEndsReserve6() {
        assertGood(as(A, "00 00 00 00 00 00"));
        assertGood(as(B, "16 00 00 00 00 00"));
        target.reset(A);
        assertGood(as(A, "12 00 00 00 24 00")); // INQUIRY does not report it
        assertSense(as(A, "00 00 00 00 00 00"), SenseData.UNIT_ATTENTION, 0x29, 0x03);
        assertGood(as(A, "00 00 00 00 00 00")); // reported once
        byte[] sense = bytes(as(B, "03 00 00 00 12 00")); // REQUEST SENSE returns it as data
        assertThat(sense[2]).isEqualTo((byte) SenseData.UNIT_ATTENTION);
        assertThat(Arrays.copyOfRange(sense, 12, 14)).containsExactly(0x29, 0x03);
        assertGood(as(A, "16 00 00 00 00 00")); // B's RESERVE (6) ended with the reset
    }
}
