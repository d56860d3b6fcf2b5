package org.streamboot.ui.theme;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this admin likes the window, kept in {@code console.properties} beside the database so
 * that it travels with the data directory (and a test's throw-away directory keeps its own).
 * Blocking file I/O: load before the window shows, save from a background thread.
 */
public final class UiPreferences {

    public static final String FILE_NAME = "console.properties";
    private static final String THEME = "theme";
    private static final Logger log = LoggerFactory.getLogger(UiPreferences.class);

    private final Path file;

    public UiPreferences(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The saved theme; light when nothing (or nothing readable) was saved. */
    public Theme theme() {
        Properties p = new Properties();
        if (!Files.isRegularFile(file)) {
            return Theme.LIGHT;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Cannot read {}: {}; using the light theme", file, e.getMessage());
            return Theme.LIGHT;
        }
        return Theme.fromWord(p.getProperty(THEME)).orElse(Theme.LIGHT);
    }

    /**
     * Saves the theme. Written to a temporary file and moved into place, so that a crash
     * mid-write leaves the old file rather than half of a new one.
     */
    public void saveTheme(Theme theme) throws IOException {
        Files.createDirectories(file.getParent());
        Properties p = new Properties();
        p.setProperty(THEME, theme.word());
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "Streamboot console preferences");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
