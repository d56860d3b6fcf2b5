package org.streamboot.cli;

import java.nio.file.Path;
import org.streamboot.server.config.DataDirectory;
import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by every command that works on a data directory. */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (database, vDisks, write caches). Default: $XDG_DATA_HOME/streamboot or ~/.local/share/streamboot")
    Path dataDir;

    public Path resolve() {
        return dataDir != null ? dataDir.toAbsolutePath() : DataDirectory.defaultLocation();
    }
}
