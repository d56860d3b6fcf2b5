package org.streamboot.server.scsi;

import java.nio.charset.StandardCharsets;

/** Standard INQUIRY data (SPC-5 6.7.2) and the vital product data pages (SPC-5 7.7, SBC-4 6.6). */
final class InquiryPages {

    static final int SUPPORTED_PAGES = 0x00, UNIT_SERIAL = 0x80, DEVICE_IDENTIFICATION = 0x83,
            BLOCK_LIMITS = 0xb0, BLOCK_DEVICE_CHARACTERISTICS = 0xb1, LOGICAL_BLOCK_PROVISIONING = 0xb2;
    private static final int[] PAGES = {SUPPORTED_PAGES, UNIT_SERIAL, DEVICE_IDENTIFICATION, BLOCK_LIMITS,
            BLOCK_DEVICE_CHARACTERISTICS, LOGICAL_BLOCK_PROVISIONING};

    static final String VENDOR = "STRMBOOT";
    /**
     * VERSION 06h (SPC-4) rather than 07h (SPC-5): libiscsi's InquiryStandard test fails any
     * value above 06h, and the command set served here is the SPC-4/SBC-3 one plus SBC-4
     * provisioning fields, which SPC-4 initiators read the same way.
     */
    static final int VERSION = 0x06;
    /** Version descriptors (SPC-5 Table 146): SAM-5, SPC-4, SPC-5, SBC-3, SBC-4. */
    private static final int[] VERSION_DESCRIPTORS = {0x00a0, 0x0460, 0x05c0, 0x04c0, 0x0600};
    private static final int STANDARD_LENGTH = 96;
    /** Peripheral qualifier 011b, device type 1Fh: no logical unit at this LUN (SPC-5 6.7.2). */
    private static final int NO_LOGICAL_UNIT = 0x7f;

    private final BlockTargetSettings settings;
    private final BlockLimits limits;

    InquiryPages(BlockTargetSettings settings, BlockLimits limits) {
        this.settings = settings;
        this.limits = limits;
    }

    /** Standard data; for a LUN without a logical unit only the qualifier/type byte differs. */
    byte[] standard(boolean logicalUnitPresent) {
        byte[] b = new byte[STANDARD_LENGTH];
        b[0] = (byte) (logicalUnitPresent ? 0x00 : NO_LOGICAL_UNIT); // direct-access block device
        b[1] = 0x00; // RMB = 0: not removable
        b[2] = VERSION;
        b[3] = 0x12; // HISUP = 1 (hierarchical LUNs), response data format 2
        b[4] = (byte) (STANDARD_LENGTH - 5);
        b[7] = 0x02; // CMDQUE: full task management model
        ascii(b, 8, 8, VENDOR);
        ascii(b, 16, 16, settings.product());
        ascii(b, 32, 4, settings.revision());
        for (int i = 0; i < VERSION_DESCRIPTORS.length; i++) {
            Cdb.put16(b, 58 + 2 * i, VERSION_DESCRIPTORS[i]);
        }
        return b;
    }

    /** A VPD page, or INVALID FIELD IN CDB (the PAGE CODE byte) for a page not served. */
    byte[] vpd(int page) throws CommandException {
        return switch (page) {
            case SUPPORTED_PAGES -> supportedPages();
            case UNIT_SERIAL -> unitSerial();
            case DEVICE_IDENTIFICATION -> deviceIdentification();
            case BLOCK_LIMITS -> blockLimits();
            case BLOCK_DEVICE_CHARACTERISTICS -> blockDeviceCharacteristics();
            case LOGICAL_BLOCK_PROVISIONING -> logicalBlockProvisioning();
            default -> throw new CommandException(Sense.invalidFieldInCdb(2, 7));
        };
    }

    private static byte[] page(int code, int payloadLength) {
        byte[] b = new byte[4 + payloadLength];
        b[1] = (byte) code;
        Cdb.put16(b, 2, payloadLength);
        return b;
    }

    private byte[] supportedPages() {
        byte[] b = page(SUPPORTED_PAGES, PAGES.length);
        for (int i = 0; i < PAGES.length; i++) {
            b[4 + i] = (byte) PAGES[i];
        }
        return b;
    }

    private byte[] unitSerial() {
        byte[] serial = settings.unitSerial().getBytes(StandardCharsets.US_ASCII);
        byte[] b = page(UNIT_SERIAL, serial.length);
        System.arraycopy(serial, 0, b, 4, serial.length);
        return b;
    }

    /**
     * SPC-5 7.7.6: an NAA 3h (locally assigned) designator, a T10 vendor ID designator, and the
     * target name as a SCSI name string when one is set. Windows' MPIO and Linux's udev both
     * key a disk on the NAA designator, so it must differ between clients' views.
     */
    private byte[] deviceIdentification() {
        byte[] naa = new byte[8];
        Cdb.put64(naa, 0, (0x3L << 60) | settings.naaLocal());
        byte[] t10 = (VENDOR + settings.unitSerial()).getBytes(StandardCharsets.US_ASCII);
        byte[] name = null;
        int length = (4 + naa.length) + (4 + t10.length);
        if (settings.targetName() != null) {
            byte[] utf8 = settings.targetName().getBytes(StandardCharsets.UTF_8);
            // A SCSI name string is null-terminated and padded to a multiple of 4 (SPC-5 7.7.6.11).
            name = new byte[Math.min(252, (utf8.length + 4) & ~3)];
            System.arraycopy(utf8, 0, name, 0, Math.min(utf8.length, name.length - 1));
            length += 4 + name.length;
        }
        byte[] b = page(DEVICE_IDENTIFICATION, length);
        int at = designator(b, 4, 0x01, 0x03, naa); // binary, logical unit, NAA
        at = designator(b, at, 0x02, 0x01, t10); // ASCII, logical unit, T10 vendor ID
        if (name != null) {
            designator(b, at, 0x03, 0x28, name); // UTF-8, target device (association 10b), SCSI name string
        }
        return b;
    }

    private static int designator(byte[] b, int at, int codeSet, int associationAndType, byte[] value) {
        b[at] = (byte) codeSet;
        b[at + 1] = (byte) associationAndType;
        b[at + 3] = (byte) value.length;
        System.arraycopy(value, 0, b, at + 4, value.length);
        return at + 4 + value.length;
    }

    private byte[] blockLimits() {
        byte[] b = page(BLOCK_LIMITS, 0x3c);
        // WSNZ = 0: WRITE SAME with zero blocks writes to the last LBA (within MAXIMUM WRITE SAME LENGTH)
        b[5] = (byte) limits.maxCompareAndWrite();
        Cdb.put16(b, 6, limits.optimalGranularity());
        Cdb.put32(b, 8, limits.maxTransfer());
        Cdb.put32(b, 12, limits.optimalTransfer());
        Cdb.put32(b, 20, limits.maxUnmapBlocks());
        Cdb.put32(b, 24, limits.maxUnmapDescriptors());
        Cdb.put32(b, 28, limits.optimalGranularity()); // optimal unmap granularity
        Cdb.put64(b, 36, limits.maxWriteSame());
        return b;
    }

    private static byte[] blockDeviceCharacteristics() {
        byte[] b = page(BLOCK_DEVICE_CHARACTERISTICS, 0x3c);
        Cdb.put16(b, 4, 0x0001); // MEDIUM ROTATION RATE 1: non-rotating medium
        return b;
    }

    private static byte[] logicalBlockProvisioning() {
        byte[] b = page(LOGICAL_BLOCK_PROVISIONING, 4);
        // LBPU (UNMAP), LBPWS (WRITE SAME 16 with UNMAP), LBPWS10, LBPRZ = 001b: a trimmed block
        // reads as zeros, which BlockDevice.trim guarantees.
        b[5] = (byte) 0xe4;
        b[6] = 0x02; // PROVISIONING TYPE: thin provisioned (the write cache grows on demand)
        return b;
    }

    private static void ascii(byte[] b, int at, int width, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < width; i++) {
            b[at + i] = i < bytes.length ? bytes[i] : (byte) ' ';
        }
    }
}
