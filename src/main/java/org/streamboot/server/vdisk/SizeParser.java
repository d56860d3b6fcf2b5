package org.streamboot.server.vdisk;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Disk sizes as admins write them: "20G", "512M", "1.5T", "4096" (bytes). Binary units, as qemu-img uses. */
public final class SizeParser {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:I?B)?");
    /** Disks are made of 512-byte sectors: a size that is not a whole number of them cannot be served. */
    public static final int SECTOR = 512;

    private SizeParser() {
    }

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 20G, 512M, 1.5T)");
        }
        int shift = switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        double value = Double.parseDouble(m.group(1)) * (1L << shift);
        if (value < SECTOR || value > (double) (1L << 50)) {
            throw new IllegalArgumentException("'" + text + "' is out of range: a vDisk holds between 512 bytes and 1 PiB");
        }
        long bytes = (long) value;
        if (bytes % SECTOR != 0) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of 512-byte sectors");
        }
        return bytes;
    }
}
