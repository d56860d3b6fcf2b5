package org.streamboot.server.scsi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * How one logical unit presents itself.
 *
 * @param product           INQUIRY PRODUCT IDENTIFICATION: printable ASCII, at most 16 characters
 * @param revision          INQUIRY PRODUCT REVISION LEVEL: printable ASCII, at most 4 characters
 * @param unitSerial        VPD 0x80 unit serial number: printable ASCII, 1 to 64 characters
 * @param naaLocal          the 60-bit locally assigned value of the NAA 3h designator in VPD 0x83
 * @param targetName        the target's name for a SCSI name string designator, or null
 * @param blockSize         logical block size in bytes: 512 or 4096 (any power of two 512..65536)
 * @param maxTransferBytes  largest READ/WRITE data transfer, a multiple of the block size
 */
public record BlockTargetSettings(String product, String revision, String unitSerial, long naaLocal,
                                  String targetName, int blockSize, int maxTransferBytes) {

    public static final int DEFAULT_BLOCK_SIZE = 512;
    /**
     * The iSCSI target's own per-command limit (TargetLimits.maxTransferLength): advertising
     * less in the Block Limits page only made initiators split what the transport accepts whole.
     */
    public static final int DEFAULT_MAX_TRANSFER = 32 << 20;
    public static final String REVISION = "0001";

    public BlockTargetSettings {
        checkAscii("product", product, 0, 16);
        checkAscii("revision", revision, 0, 4);
        checkAscii("unit serial", unitSerial, 1, 64);
        if (Integer.bitCount(blockSize) != 1 || blockSize < 512 || blockSize > 65536) {
            throw new IllegalArgumentException("block size must be a power of two from 512 to 65536: " + blockSize);
        }
        if (maxTransferBytes < blockSize || maxTransferBytes % blockSize != 0) {
            throw new IllegalArgumentException("max transfer must be a positive multiple of the block size: "
                    + maxTransferBytes);
        }
        naaLocal &= 0x0fff_ffff_ffff_ffffL;
        if (targetName != null && targetName.isBlank()) {
            targetName = null;
        }
    }

    /**
     * Settings for one view of a vDisk (a vDisk as one client sees it): the serial number and
     * NAA identifier are derived from {@code viewKey}, so that two clients' views of the same
     * vDisk never look like one multipath device to an initiator (SPC-5 7.7.6: the
     * designator identifies the logical unit), while one client sees the same identity on
     * every boot.
     */
    public static BlockTargetSettings forView(String product, String viewKey, String targetName, int blockSize) {
        byte[] digest = sha256(Objects.requireNonNull(viewKey, "viewKey"));
        String serial = HexFormat.of().formatHex(digest, 0, 12);
        long naa = 0;
        for (int i = 12; i < 20; i++) {
            naa = (naa << 8) | (digest[i] & 0xff);
        }
        return new BlockTargetSettings(product, REVISION, serial, naa, targetName, blockSize, DEFAULT_MAX_TRANSFER);
    }

    public int maxTransferBlocks() {
        return maxTransferBytes / blockSize;
    }

    private static void checkAscii(String what, String value, int min, int max) {
        Objects.requireNonNull(value, what);
        if (value.length() < min || value.length() > max || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new IllegalArgumentException(what + " must be " + min + " to " + max
                    + " printable ASCII characters (SPC-5 4.3.1): \"" + value + "\"");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
