package org.streamboot.server.vdisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the store's files really take on the filesystem. Base images are sparse where they hold
 * zeros and write caches are sparse by design, so their sizes overstate what the disk holds;
 * the allocated size is {@code st_blocks} × 512 (POSIX stat), which Java's file attributes do
 * not expose. Read through the Foreign Function API where the platform's {@code struct stat}
 * layout is known (Linux x86-64, glibc 2.33+ exports {@code stat}); elsewhere the file sizes.
 */
public final class DiskUsage {

    /** Offset of st_blocks in Linux x86-64's struct stat (asm-generic layout differs; not used there). */
    private static final long ST_BLOCKS_OFFSET = 64;
    private static final long STAT_SIZE = 144;
    private static final MethodHandle STAT = statHandle().orElse(null);

    private DiskUsage() {
    }

    /** Bytes allocated to {@code path} and, for a directory, everything under it; 0 when it does not exist. */
    public static long allocatedBytes(Path path) {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(DiskUsage::allocatedFile).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            // A file removed during the walk (a write cache discarded meanwhile) is simply not counted.
            if (e.getCause() instanceof NoSuchFileException) {
                return allocatedBytes(path);
            }
            throw e;
        }
    }

    private static long allocatedFile(Path file) {
        if (STAT != null) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(STAT_SIZE, 8);
                int rc = (int) STAT.invokeExact(arena.allocateFrom(file.toString()), buf);
                if (rc == 0) {
                    return buf.get(ValueLayout.JAVA_LONG, ST_BLOCKS_OFFSET) * 512;
                }
            } catch (Throwable e) {
                // fall back to the size below
            }
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Optional<MethodHandle> statHandle() {
        String os = System.getProperty("os.name", "").toLowerCase();
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("stat").map(address -> linker.downcallHandle(address,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS)));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }
}
