package org.streamboot.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JailedDirectoryTest {

    @TempDir
    Path temp;
    Path root;
    JailedDirectory jail;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(temp.resolve("root"));
        Files.writeString(root.resolve("undionly.kpxe"), "ipxe-bios");
        Files.createDirectories(root.resolve("efi"));
        Files.writeString(root.resolve("efi/ipxe.efi"), "ipxe-efi");
        Files.writeString(temp.resolve("secret.txt"), "outside the root");
        jail = new JailedDirectory(root);
    }

    private static String read(ReadableFile file) throws Exception {
        try (file) {
            ByteBuffer buf = ByteBuffer.allocate((int) file.size());
            assertThat(file.read(0, buf)).isEqualTo(file.size());
            return new String(buf.array(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void servesFilesAndSubdirectories() throws Exception {
        assertThat(read(jail.open("undionly.kpxe"))).isEqualTo("ipxe-bios");
        assertThat(read(jail.open("efi/ipxe.efi"))).isEqualTo("ipxe-efi");
        assertThat(read(jail.open("./efi//ipxe.efi"))).isEqualTo("ipxe-efi");
    }

    @Test
    void positionalReadsStopAtTheEnd() throws Exception {
        try (ReadableFile f = jail.open("undionly.kpxe")) {
            ByteBuffer buf = ByteBuffer.allocate(100);
            assertThat(f.read(5, buf)).isEqualTo(4);
            assertThat(new String(buf.array(), 0, 4, StandardCharsets.UTF_8)).isEqualTo("bios");
            assertThat(f.read(9, ByteBuffer.allocate(10))).isZero();
        }
    }

    @Test
    void missingFilesAreNotFound() {
        assertRefusal("nope.efi", FileRefusal.Kind.NOT_FOUND);
        assertRefusal("efi/nope.efi", FileRefusal.Kind.NOT_FOUND);
    }

    @Test
    void namesThatTryToLeaveTheRootAreAccessViolations() {
        assertRefusal("../secret.txt", FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("efi/../../secret.txt", FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("..", FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal(temp.resolve("secret.txt").toString(), FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("/undionly.kpxe", FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("..\\secret.txt", FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("efi\\ipxe.efi", FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("undionly.kpxe\0.png", FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("undionly\n.kpxe", FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("a".repeat(256), FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("", FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("efi", FileRefusal.Kind.ACCESS_VIOLATION);
    }

    @Test
    void symlinksInsideTheRootAreFollowedButNotOutOfIt() throws Exception {
        Files.createSymbolicLink(root.resolve("default.efi"), Path.of("efi/ipxe.efi"));
        Files.createSymbolicLink(root.resolve("escape.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("up"), temp);
        Files.createSymbolicLink(root.resolve("dangling"), root.resolve("gone"));
        assertThat(read(jail.open("default.efi"))).isEqualTo("ipxe-efi");
        assertThat(assertRefusal("escape.txt", FileRefusal.Kind.ACCESS_VIOLATION).getMessage()).contains("symbolic link");
        assertRefusal("up/secret.txt", FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("dangling", FileRefusal.Kind.NOT_FOUND);
    }

    @Test
    void aTrustedSystemDirectoryFollowsItsOwnLinksOutButNamesStayChecked() throws Exception {
        // Debian's /usr/lib/ipxe/ipxe.efi is a link to /boot/ipxe.efi.
        Files.createSymbolicLink(root.resolve("escape.txt"), temp.resolve("secret.txt"));
        jail = JailedDirectory.trustingItsLinks(root);
        assertThat(read(jail.open("escape.txt"))).isEqualTo(Files.readString(temp.resolve("secret.txt")));
        assertRefusal("../secret.txt", FileRefusal.Kind.ACCESS_VIOLATION);
        assertRefusal("/etc/passwd", FileRefusal.Kind.ACCESS_VIOLATION);
    }

    @Test
    void theRootMustExist() {
        assertThatThrownBy(() -> new JailedDirectory(temp.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }

    private FileRefusal assertRefusal(String name, FileRefusal.Kind kind) {
        try {
            jail.open(name).close();
        } catch (FileRefusal refusal) {
            assertThat(refusal.kind()).as(name).isEqualTo(kind);
            return refusal;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("'" + name + "' was opened");
    }
}
