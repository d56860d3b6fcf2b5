package org.streamboot.server.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the directory holding the iPXE binaries that firmware downloads over TFTP
 * ({@code undionly.kpxe}, {@code ipxe.efi}, {@code snponly.efi}). Debian's {@code ipxe}
 * package puts them in /usr/lib/ipxe; some distributions use /usr/share/ipxe.
 */
public final class IpxeBinaries {

    public static final List<Path> STANDARD_LOCATIONS = List.of(Path.of("/usr/lib/ipxe"), Path.of("/usr/share/ipxe"));

    /** No directory with iPXE binaries; the message says what to install or configure. */
    public static final class Missing extends Exception {
        public Missing(String message) {
            super(message);
        }
    }

    private IpxeBinaries() {
    }

    /** The configured directory, else the first standard location that exists. */
    public static Path locate(Optional<Path> configured) throws Missing {
        return locate(configured, STANDARD_LOCATIONS);
    }

    static Path locate(Optional<Path> configured, List<Path> candidates) throws Missing {
        if (configured.isPresent()) {
            Path dir = configured.get();
            if (Files.isDirectory(dir)) {
                return dir;
            }
            throw new Missing("the configured iPXE directory " + dir + " does not exist or is not a directory");
        }
        for (Path dir : candidates) {
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        String where = candidates.stream().map(Path::toString).collect(Collectors.joining(" or "));
        throw new Missing("no iPXE binaries found in " + where
                + ": install the Debian package 'ipxe' (apt-get install ipxe) or set the iPXE directory");
    }

    /** A jailed source over the located directory. */
    public static FileSource fileSource(Optional<Path> configured) throws Missing {
        return JailedDirectory.trustingItsLinks(locate(configured));
    }
}
