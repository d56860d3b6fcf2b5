package org.streamboot.server.http;

import java.util.Objects;
import java.util.Set;
import org.streamboot.server.files.FileSource;

/**
 * The boot files HTTP serves: every file of {@code source} at {@code /files/NAME}, and the few
 * {@code topLevelNames} at {@code /NAME} too, because UEFI HTTP boot firmware is handed a URL
 * such as {@code http://server:8080/ipxe.efi} by DHCP and fetches exactly that.
 *
 * @param source        the same jailed source TFTP serves
 * @param topLevelNames single names (no '/') also served at the root
 */
public record StaticFiles(FileSource source, Set<String> topLevelNames, HttpFileListener listener) {

    public static final String PREFIX = "/files/";

    public StaticFiles {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(listener, "listener");
        topLevelNames = Set.copyOf(topLevelNames);
        for (String name : topLevelNames) {
            if (name.isEmpty() || name.contains("/")) {
                throw new IllegalArgumentException("a top-level file name must be one non-empty segment: '" + name + "'");
            }
        }
    }

    /** The file name a request path asks for, or null when the path is not a file path. */
    String fileNameOf(String path) {
        if (path.startsWith(PREFIX)) {
            return path.substring(PREFIX.length());
        }
        if (path.length() > 1 && path.charAt(0) == '/' && topLevelNames.contains(path.substring(1))) {
            return path.substring(1);
        }
        return null;
    }
}
