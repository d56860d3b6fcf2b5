package org.streamboot.server.block;

import java.io.IOException;
import java.nio.file.Path;

/** An overlay's files on disk are not what this version wrote: the overlay refuses to open. */
public final class OverlayFormatException extends IOException {

    public OverlayFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
