package org.streamboot.server.block;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Binary form of a {@link BootProfile}, small enough to keep one per vDisk version:
 *
 * <pre>
 * offset size field
 *      0    8 magic "SBBOOTP\0"
 *      8    2 format version (1)
 *     10    4 chunk size
 *     14    8 device size
 *     22    4 chunk count
 *     26    n chunk indexes as zigzag LEB128 varints of the difference to the previous index
 *              (the first to 0): a boot reads mostly forward, so most take one byte
 *    end    4 CRC-32C of everything before it
 * </pre>
 * Integers little-endian. The decoder checks every length against the input before it
 * allocates, so a damaged or hostile file costs at most its own size in memory.
 */
public final class BootProfileCodec {

    private static final byte[] MAGIC = "SBBOOTP\0".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER = 26;
    private static final int CRC = 4;
    private static final int MAX_CHUNK_SIZE = 1 << 24;
    /** Far above any real profile (a 4 GiB boot in 64 KiB chunks takes about 64 KiB). */
    private static final long MAX_FILE_BYTES = 64L << 20;

    private BootProfileCodec() {
    }

    public static byte[] encode(BootProfile profile) {
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putShort((short) VERSION).putInt(profile.chunkSize()).putLong(profile.deviceSize())
                .putInt(profile.chunkCount());
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + profile.chunkCount() + CRC);
        out.writeBytes(header.array());
        long previous = 0;
        for (long chunk : profile.chunks()) {
            long delta = chunk - previous;
            writeVarint(out, (delta << 1) ^ (delta >> 63));
            previous = chunk;
        }
        CRC32C crc = new CRC32C();
        byte[] body = out.toByteArray();
        crc.update(body);
        byte[] result = Arrays.copyOf(body, body.length + CRC);
        ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length, (int) crc.getValue());
        return result;
    }

    public static BootProfile decode(byte[] bytes) throws BootProfileFormatException {
        if (bytes.length < HEADER + CRC) {
            throw new BootProfileFormatException("too short for a boot profile (" + bytes.length + " bytes)");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new BootProfileFormatException("not a boot profile (bad magic)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CRC);
        if (buf.getInt(bytes.length - CRC) != (int) crc.getValue()) {
            throw new BootProfileFormatException("checksum mismatch (damaged file)");
        }
        int version = buf.getShort(8) & 0xFFFF;
        if (version != VERSION) {
            throw new BootProfileFormatException("format version " + version + " is not supported");
        }
        int chunkSize = buf.getInt(10);
        long deviceSize = buf.getLong(14);
        int count = buf.getInt(22);
        if (Integer.bitCount(chunkSize) != 1 || chunkSize < 512 || chunkSize > MAX_CHUNK_SIZE || deviceSize < 0) {
            throw new BootProfileFormatException("bad chunk size " + chunkSize + " or device size " + deviceSize);
        }
        long chunkCount = (deviceSize + chunkSize - 1) / chunkSize;
        int bodyLength = bytes.length - HEADER - CRC;
        // Every index takes at least one byte: a count above the body length is a lie.
        if (count < 0 || count > bodyLength || count > chunkCount) {
            throw new BootProfileFormatException("chunk count " + count + " does not fit the file or the device");
        }
        buf.position(HEADER).limit(bytes.length - CRC);
        long[] chunks = new long[count];
        Set<Long> seen = new HashSet<>();
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long zigzag = readVarint(buf);
            long chunk = previous + ((zigzag >>> 1) ^ -(zigzag & 1));
            if (chunk < 0 || chunk >= chunkCount || !seen.add(chunk)) {
                throw new BootProfileFormatException("chunk index " + chunk + " at position " + i
                        + " is out of range or repeated");
            }
            chunks[i] = chunk;
            previous = chunk;
        }
        if (buf.hasRemaining()) {
            throw new BootProfileFormatException(buf.remaining() + " unexpected bytes after the chunk list");
        }
        return new BootProfile(chunkSize, deviceSize, chunks);
    }

    /** Writes atomically: a crash leaves the old profile or the new one, never half of one. */
    public static void save(BootProfile profile, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, encode(profile));
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static BootProfile load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new BootProfileFormatException(file + " is too large for a boot profile");
        }
        try {
            return decode(Files.readAllBytes(file));
        } catch (BootProfileFormatException e) {
            throw new BootProfileFormatException(file + ": " + e.getMessage());
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(ByteBuffer buf) throws BootProfileFormatException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!buf.hasRemaining()) {
                throw new BootProfileFormatException("chunk list ends in the middle of a number");
            }
            byte b = buf.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new BootProfileFormatException("number longer than 10 bytes");
    }

    /** The bytes are not a boot profile this version can read. */
    public static final class BootProfileFormatException extends IOException {
        public BootProfileFormatException(String message) {
            super(message);
        }
    }
}
