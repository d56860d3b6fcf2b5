package org.streamboot.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a gzip-compressed cpio archive in the "newc" format the Linux kernel unpacks as its
 * initramfs (kernel Documentation/driver-api/early-userspace/buffer-format.rst). Written here
 * rather than with cpio(1) because the initramfs needs a {@code /dev/console} device node,
 * which only root could mknod on disk; an archive entry needs no privilege.
 */
final class NewcArchive {

    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int CHARACTER_DEVICE = 0020000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int inode = 1;

    NewcArchive directory(String path) {
        entry(path, DIRECTORY | 0755, 2, new byte[0], 0, 0);
        return this;
    }

    NewcArchive file(String path, int permissions, byte[] content) {
        entry(path, REGULAR | permissions, 1, content, 0, 0);
        return this;
    }

    NewcArchive characterDevice(String path, int permissions, int major, int minor) {
        entry(path, CHARACTER_DEVICE | permissions, 1, new byte[0], major, minor);
        return this;
    }

    /** The archive with its trailer, gzip-compressed. */
    byte[] toGzip() throws IOException {
        entry("TRAILER!!!", 0, 1, new byte[0], 0, 0);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(gz)) {
            out.writeTo(z);
        }
        return gz.toByteArray();
    }

    private void entry(String path, int mode, int links, byte[] data, int rdevMajor, int rdevMinor) {
        byte[] name = (path + "\0").getBytes(StandardCharsets.US_ASCII);
        StringBuilder header = new StringBuilder("070701");
        long[] fields = {path.equals("TRAILER!!!") ? 0 : inode++, mode, 0, 0, links, 0, data.length, 0, 0,
                rdevMajor, rdevMinor, name.length, 0};
        for (long f : fields) {
            header.append(String.format("%08x", f));
        }
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(name);
        pad();
        out.writeBytes(data);
        pad();
    }

    /** newc aligns both the name and the data to 4 bytes. */
    private void pad() {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }
}
