package org.streamboot.ui.dnd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.admin.Views.ClientView;
import org.streamboot.server.admin.Views.GroupView;
import org.streamboot.server.admin.Views.VdiskView;

class DropRulesTest {

    @TempDir
    Path temp;

    static ClientView client(String name, String group) {
        return new ClientView(name, "52:54:00:00:00:01", "iqn.x", group, "approved", "UEFI", null, 0, List.of(), null);
    }

    static VdiskView vdisk(String name, String mode, String... assignedTo) {
        return new VdiskView(name, mode, 1 << 30, false, 1, 1, List.of(assignedTo));
    }

    @Test
    void aPrivateVdiskGoesToOneClientOnlyAndNeverToAGroup() {
        VdiskView priv = vdisk("teacher", "private");
        assertThat(DropRules.vdiskOntoClients(priv, List.of(client("pc-01", null))).accepted()).isTrue();
        Verdict two = DropRules.vdiskOntoClients(priv, List.of(client("pc-01", null), client("pc-02", null)));
        assertThat(two.accepted()).isFalse();
        assertThat(two.reason()).isEqualTo("'teacher' is in private mode: it belongs to one client, not 2");
        assertThat(DropRules.vdiskOntoClients(vdisk("teacher", "private", "client pc-09"), List.of(client("pc-01", null))).reason())
                .contains("already belongs to client pc-09");
        assertThat(DropRules.vdiskOntoGroup(priv, new GroupView("lab", 3, List.of(), null)).accepted()).isFalse();
    }

    @Test
    void dropsThatChangeNothingAreRefused() {
        assertThat(DropRules.vdiskOntoClients(vdisk("win11", "standard", "client pc-01"), List.of(client("pc-01", null))).reason())
                .isEqualTo("pc-01 already has 'win11'");
        assertThat(DropRules.vdiskOntoGroup(vdisk("win11", "standard"), new GroupView("lab", 1, List.of("win11"), "win11")).reason())
                .isEqualTo("'win11' is already the default of lab");
        assertThat(DropRules.clientsOntoGroup(List.of(client("pc-01", "lab")), new GroupView("lab", 1, List.of(), null)).reason())
                .isEqualTo("pc-01 is already in lab");
        assertThat(DropRules.clientsOntoGroup(List.of(client("pc-01", "lab"), client("pc-02", null)),
                new GroupView("lab", 1, List.of(), null)).accepted()).isTrue();
    }

    @Test
    void onlyOneReadableImageWithAFreeNameIsImported() throws Exception {
        Path image = Files.write(temp.resolve("Win 11 (edu).qcow2"), new byte[512]);
        Path text = Files.writeString(temp.resolve("notes.txt"), "x");

        assertThat(DropRules.vdiskName(image)).isEqualTo("Win-11--edu-");
        assertThat(DropRules.imageFile(List.of(image), List.of()).accepted()).isTrue();
        assertThat(DropRules.imageFile(List.of(image, image), List.of()).reason()).isEqualTo("drop one disk image at a time");
        assertThat(DropRules.imageFile(List.of(text), List.of()).reason()).startsWith("notes.txt is not a disk image");
        assertThat(DropRules.imageFile(List.of(temp.resolve("gone.img")), List.of()).reason()).contains("not a readable file");
        assertThat(DropRules.imageFile(List.of(image), List.of(vdisk("Win-11--edu-", "standard"))).reason())
                .isEqualTo("a vDisk named 'Win-11--edu-' already exists");
        assertThat(DropRules.vdiskName(Path.of("...img"))).isEqualTo("image");
    }
}
