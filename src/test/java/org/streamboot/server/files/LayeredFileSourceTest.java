package org.streamboot.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeredFileSourceTest {

    @TempDir
    Path temp;

    private static String read(FileSource source, String name) throws Exception {
        try (ReadableFile f = source.open(name)) {
            ByteBuffer buf = ByteBuffer.allocate((int) f.size());
            f.read(0, buf);
            return new String(buf.array(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theFirstLayerWithTheFileWins() throws Exception {
        Path custom = Files.createDirectories(temp.resolve("custom"));
        Path system = Files.createDirectories(temp.resolve("system"));
        Files.writeString(custom.resolve("ipxe.efi"), "custom");
        Files.writeString(system.resolve("ipxe.efi"), "system");
        Files.writeString(system.resolve("undionly.kpxe"), "bios");
        FileSource layered = new LayeredFileSource(List.of(new JailedDirectory(custom), new JailedDirectory(system)));
        assertThat(read(layered, "ipxe.efi")).isEqualTo("custom");
        assertThat(read(layered, "undionly.kpxe")).isEqualTo("bios");
        assertThatThrownBy(() -> layered.open("none"))
                .isInstanceOfSatisfying(FileRefusal.class, r -> assertThat(r.kind()).isEqualTo(FileRefusal.Kind.NOT_FOUND));
        assertThatThrownBy(() -> layered.open("../custom/ipxe.efi"))
                .isInstanceOfSatisfying(FileRefusal.class,
                        r -> assertThat(r.kind()).isEqualTo(FileRefusal.Kind.ACCESS_VIOLATION));
    }

    @Test
    void ipxeDirectoryIsTheConfiguredOneElseTheFirstStandardOneThatExists() throws Exception {
        Path a = temp.resolve("a");
        Path b = Files.createDirectories(temp.resolve("b"));
        assertThat(IpxeBinaries.locate(Optional.empty(), List.of(a, b))).isEqualTo(b);
        assertThat(IpxeBinaries.locate(Optional.of(b), List.of())).isEqualTo(b);
        assertThatThrownBy(() -> IpxeBinaries.locate(Optional.of(a), List.of(b)))
                .isInstanceOf(IpxeBinaries.Missing.class).hasMessageContaining("configured iPXE directory");
        assertThatThrownBy(() -> IpxeBinaries.locate(Optional.empty(), List.of(a)))
                .isInstanceOf(IpxeBinaries.Missing.class)
                .hasMessageContaining("Debian package 'ipxe'").hasMessageContaining(a.toString());
    }

    @Test
    void anEmptySourceSaysWhy() {
        assertThatThrownBy(() -> FileSource.empty("install ipxe").open("undionly.kpxe"))
                .isInstanceOfSatisfying(FileRefusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(FileRefusal.Kind.NOT_FOUND);
                    assertThat(r.getMessage()).contains("install ipxe");
                });
    }
}
