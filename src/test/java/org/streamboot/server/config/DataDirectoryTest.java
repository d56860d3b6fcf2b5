package org.streamboot.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    @Test
    void followsXdgDataHome() {
        assertThat(DataDirectory.defaultLocation(Map.of("XDG_DATA_HOME", "/srv/data"), "/home/ann"))
                .isEqualTo(Path.of("/srv/data/streamboot"));
    }

    @Test
    void fallsBackToLocalShareWhenUnsetEmptyOrRelative() {
        Path expected = Path.of("/home/ann/.local/share/streamboot");
        assertThat(DataDirectory.defaultLocation(Map.of(), "/home/ann")).isEqualTo(expected);
        assertThat(DataDirectory.defaultLocation(Map.of("XDG_DATA_HOME", ""), "/home/ann")).isEqualTo(expected);
        // XDG Base Directory spec: a relative path is invalid and ignored.
        assertThat(DataDirectory.defaultLocation(Map.of("XDG_DATA_HOME", "data"), "/home/ann")).isEqualTo(expected);
    }
}
