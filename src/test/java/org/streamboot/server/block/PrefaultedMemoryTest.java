package org.streamboot.server.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefaultedMemoryTest {

    @Test
    void mapsItsOwnMemoryOnLinux() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "mmap is used on Linux only");
        assertTrue(PrefaultedMemory.mapsItself(), "native access is granted in tests and the build's jar");
    }

    @Test
    void memoryIsZeroedDirectAndWritableToTheLastByte() {
        int bytes = 8 << 20;
        ByteBuffer slab = PrefaultedMemory.allocate(bytes);
        assertTrue(slab.isDirect());
        assertEquals(bytes, slab.capacity());
        for (int i = 0; i < bytes; i += 8) {
            assertEquals(0L, slab.getLong(i), "byte " + i);
        }
        for (int i = 0; i < bytes; i += 4096) {
            slab.putInt(i, i);
        }
        slab.put(bytes - 1, (byte) 0x5a);
        for (int i = 0; i < bytes; i += 4096) {
            assertEquals(i, slab.getInt(i));
        }
        assertEquals(0x5a, slab.get(bytes - 1));
    }

    @Test
    void slicesOutliveTheBufferTheyCameFrom() {
        // Chunks keep slices of a slab; the mapping must stay while any of them is reachable.
        List<ByteBuffer> slices = new ArrayList<>();
        for (int round = 0; round < 64; round++) {
            ByteBuffer slab = PrefaultedMemory.allocate(1 << 20);
            ByteBuffer slice = slab.slice(4096, 4096);
            slice.putLong(0, round);
            slices.add(slice);
        }
        System.gc();
        for (int round = 0; round < slices.size(); round++) {
            assertEquals(round, slices.get(round).getLong(0));
        }
    }
}
