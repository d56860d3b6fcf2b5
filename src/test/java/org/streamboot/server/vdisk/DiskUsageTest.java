package org.streamboot.server.vdisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskUsageTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void sparseFilesCountOnlyTheirWrittenBlocks() throws Exception {
        Path sparse = dir.resolve("v1.raw");
        byte[] data = new byte[(int) MIB];
        new Random(7).nextBytes(data);
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(64 * MIB);
            f.seek(10 * MIB);
            f.write(data);
        }
        long allocated = DiskUsage.allocatedBytes(sparse);
        assertThat(Files.size(sparse)).isEqualTo(64 * MIB);
        assertThat(allocated).as("the written MiB, not the 64 MiB length").isBetween(MIB, 2 * MIB);
    }

    @Test
    void directoriesSumEverythingUnderThemAndMissingPathsAreZero() throws Exception {
        Path caches = Files.createDirectories(dir.resolve("writecache/win11/pc-01"));
        Files.write(caches.resolve("data"), new byte[(int) (3 * MIB)]);
        Files.write(dir.resolve("writecache/win11/other"), new byte[(int) MIB]);
        assertThat(DiskUsage.allocatedBytes(dir.resolve("writecache/win11"))).isBetween(4 * MIB, 4 * MIB + 64 * 1024);
        assertThat(DiskUsage.allocatedBytes(dir.resolve("nothing-here"))).isZero();
    }
}
