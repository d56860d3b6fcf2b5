package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The vDisk version a client's write layer was written against, kept in the layer's directory
 * as {@code base-version}. A copy-on-write layer only makes sense over the exact bytes it was
 * made on: stacked on another version it would mix two file systems. Overlays from before
 * versions existed have no marker and were made on version 1.
 */
final class BaseVersionMarker {

    static final String FILE = "base-version";

    private BaseVersionMarker() {
    }

    /** The version the layer in {@code dir} belongs to, or 0 when there is no layer yet. */
    static int read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Files.isDirectory(dir) ? 1 : 0;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1; // unreadable: treat as another version, so the layer is never trusted
        }
    }

    /** Written after the layer was emptied or created, renamed into place so it is never half written. */
    static void write(Path dir, int version) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, version + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
