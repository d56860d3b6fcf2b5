package org.streamboot.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiPreferencesTest {

    @TempDir
    Path temp;

    @Test
    void theThemeIsLightUntilAnotherIsSaved() throws Exception {
        UiPreferences prefs = new UiPreferences(temp.resolve("not-yet-created"));
        assertThat(prefs.theme()).isEqualTo(Theme.LIGHT);
        prefs.saveTheme(Theme.DARK);
        assertThat(Files.readString(prefs.file())).contains("theme=dark");
        assertThat(new UiPreferences(temp.resolve("not-yet-created")).theme()).isEqualTo(Theme.DARK);
        prefs.saveTheme(Theme.LIGHT);
        assertThat(prefs.theme()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void anUnreadableOrUnknownValueFallsBackToLight() throws Exception {
        Files.writeString(temp.resolve(UiPreferences.FILE_NAME), "theme=purple\n");
        assertThat(new UiPreferences(temp).theme()).isEqualTo(Theme.LIGHT);
        Files.write(temp.resolve(UiPreferences.FILE_NAME), new byte[] {'\\', 'u', 'Z', 'Z'});
        assertThat(new UiPreferences(temp).theme()).isEqualTo(Theme.LIGHT);
        Files.createDirectories(temp.resolve("dir").resolve(UiPreferences.FILE_NAME));
        assertThat(new UiPreferences(temp.resolve("dir")).theme()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void themeWordsRoundTrip() {
        for (Theme t : Theme.values()) {
            assertThat(Theme.fromWord(t.word())).contains(t);
            assertThat(t.other().other()).isEqualTo(t);
        }
        assertThat(Theme.fromWord(" DARK ")).contains(Theme.DARK);
        assertThat(Theme.fromWord(null)).isEmpty();
    }
}
