package org.streamboot.server.block;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Base images with known random content, and their hashes. */
final class TestImages {

    private TestImages() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Path writeImage(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] readAll(BlockDevice device) throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) device.size());
        device.read(0, buf);
        return buf.array();
    }

    /** Like assertThat(actual).isEqualTo(expected) but names the first differing byte instead of dumping arrays. */
    static void assertSameBytes(byte[] actual, byte[] expected, String label) {
        if (actual.length != expected.length) {
            throw new AssertionError(label + ": length " + actual.length + ", expected " + expected.length);
        }
        int at = java.util.Arrays.mismatch(actual, expected);
        if (at >= 0) {
            throw new AssertionError(label + ": first difference at byte " + at + " (block " + at / 4096
                    + "): got " + actual[at] + ", expected " + expected[at]);
        }
    }
}
