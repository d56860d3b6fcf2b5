package org.streamboot.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A disk image that checks itself: the boot sector of {@code e2e/checksum-sector.S} followed
 * by {@code mebibytes} MiB of seeded random data. Booted, it prints {@code SB <mib> <A> <B>}
 * per MiB; {@link #expectedLines()} are the same lines computed here from the bytes written,
 * so equal output proves every byte reached the PC intact and in its place.
 */
record ChecksumDisk(Path image, int mebibytes, List<String> expectedLines) {

    static final int SECTOR = 512;
    private static final int MIB = 1 << 20;
    /** Where the sector keeps its MiB count (the {@code .org 0x1f0} in the source). */
    private static final int MIB_COUNT_OFFSET = 0x1f0;

    ChecksumDisk {
        Objects.requireNonNull(image);
        expectedLines = List.copyOf(expectedLines);
    }

    /** Builds {@code image}; assembles the sector once per cache directory. */
    static ChecksumDisk build(Path image, int mebibytes, long seed) throws IOException, InterruptedException {
        if (mebibytes < 1 || mebibytes > 256) {
            throw new IllegalArgumentException("1..256 MiB, not " + mebibytes);
        }
        byte[] sector = assembledSector().clone();
        ByteBuffer patch = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        if (patch.getShort(MIB_COUNT_OFFSET) != (short) 0xffff) {
            throw new IllegalStateException("checksum-sector.S no longer keeps its MiB count at 0x1f0");
        }
        patch.putShort(MIB_COUNT_OFFSET, (short) mebibytes);
        List<String> expected = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] mib = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(image)) {
            out.write(sector);
            for (int m = 0; m < mebibytes; m++) {
                random.nextBytes(mib);
                out.write(mib);
                expected.add(sumLine(m, mib));
            }
        }
        return new ChecksumDisk(image, mebibytes, expected);
    }

    /** The sector's per-MiB line: A = sum of bytes, B = sum of the running A, both mod 2^32. */
    static String sumLine(int index, byte[] data) {
        int a = 0;
        int b = 0;
        for (byte x : data) {
            a += Byte.toUnsignedInt(x);
            b += a;
        }
        return String.format("SB %08x %08x %08x", index, a, b);
    }

    static byte[] assembledSector() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(DebianPackages.CACHE.resolve("checksum-sector"));
        Path bin = dir.resolve("sector.bin");
        if (!Files.exists(bin)) {
            Path source = dir.resolve("checksum-sector.S");
            try (InputStream in = ChecksumDisk.class.getResourceAsStream("/e2e/checksum-sector.S")) {
                Files.write(source, Objects.requireNonNull(in, "e2e/checksum-sector.S is missing").readAllBytes());
            }
            HostCommand.run(30, dir, "as", "--32", "-o", "sector.o", source.toString());
            HostCommand.run(30, dir, "objcopy", "-O", "binary", "-j", ".text", "sector.o", "sector.bin.tmp");
            Files.move(dir.resolve("sector.bin.tmp"), bin);
        }
        byte[] sector = Files.readAllBytes(bin);
        if (sector.length != SECTOR || sector[510] != 0x55 || sector[511] != (byte) 0xaa) {
            throw new IllegalStateException("the assembled boot sector is not 512 bytes ending in 55 AA: " + bin);
        }
        return sector;
    }
}
