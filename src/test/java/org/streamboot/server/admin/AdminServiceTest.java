package org.streamboot.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.VdiskRepository;
import org.streamboot.server.model.VdiskMode;

class AdminServiceTest {

    @TempDir
    Path dir;
    Database db;
    AdminService admin;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        admin = new AdminService(db, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
    }

    void vdisk(String name, VdiskMode mode) {
        db.transaction(c -> new VdiskRepository().insert(c, name, mode, 20L << 30, false, 0));
    }

    @Test
    void addsClientsWithCanonicalMacGeneratedNameAndIqn() {
        admin.addGroup("lab1");
        var pc17 = admin.addClient("52-54-00-AA-BB-17", "pc17", "lab1", null);
        var unnamed = admin.addClient("525400aabb01", null, null, null);
        var second = admin.addClient("525400aabb02", null, null, null);

        assertThat(pc17.mac()).isEqualTo("52:54:00:aa:bb:17");
        assertThat(pc17.group()).isEqualTo("lab1");
        assertThat(pc17.iqn()).isEqualTo("iqn.2026-11.org.streamboot:client.pc17");
        assertThat(pc17.registration()).isEqualTo("approved");
        assertThat(unnamed.name()).isEqualTo("pc-01");
        assertThat(second.name()).isEqualTo("pc-02");
        assertThat(admin.clients()).extracting(Views.ClientView::name).containsExactly("pc-01", "pc-02", "pc17");
        assertThat(admin.groups()).singleElement().satisfies(g -> assertThat(g.clients()).isEqualTo(1));
    }

    @Test
    void badInputIsRefusedWithAPlainMessageAndChangesNothing() {
        admin.addGroup("lab1");
        admin.addClient("52:54:00:aa:bb:01", "pc1", null, null);

        assertThatThrownBy(() -> admin.addClient("52:54:00:aa:bb", "pc2", null, null))
                .isInstanceOf(AdminException.class).hasMessageContaining("is not a MAC address");
        assertThatThrownBy(() -> admin.addClient("52:54:00:AA:BB:01", "pc2", null, null))
                .isInstanceOf(AdminException.class).hasMessage("a client with MAC 52:54:00:aa:bb:01 already exists: pc1");
        assertThatThrownBy(() -> admin.addClient("52:54:00:aa:bb:02", "PC1", null, null))
                .isInstanceOf(AdminException.class).hasMessageContaining("a client named 'PC1' already exists");
        assertThatThrownBy(() -> admin.addClient("52:54:00:aa:bb:02", "pc2", "lab9", null))
                .isInstanceOf(AdminException.class).hasMessageContaining("there is no group named 'lab9'");
        assertThatThrownBy(() -> admin.addClient("52:54:00:aa:bb:02", "pc 2", null, null))
                .isInstanceOf(AdminException.class).hasMessageContaining("not a valid client name");
        assertThatThrownBy(() -> admin.addClient("52:54:00:aa:bb:02", "pc2", null, "iqn.2026-11.org.streamboot:client.pc1"))
                .isInstanceOf(AdminException.class).hasMessageContaining("already uses the initiator name");
        assertThatThrownBy(() -> admin.addGroup("LAB1")).isInstanceOf(AdminException.class).hasMessageContaining("already exists");

        assertThat(admin.clients()).extracting(Views.ClientView::name).containsExactly("pc1");
        assertThat(admin.groups()).hasSize(1);
    }

    @Test
    void unknownNamesSuggestTheCloseOne() {
        admin.addClient("52:54:00:aa:bb:17", "pc17", null, null);
        vdisk("win11", VdiskMode.STANDARD);
        assertThatThrownBy(() -> admin.assign(new Who.Client("PC1"), "win11", false))
                .hasMessage("there is no client named 'PC1'; did you mean 'pc17'?");
        assertThatThrownBy(() -> admin.assign(new Who.Client("pc17"), "win", false))
                .hasMessage("there is no vDisk named 'win'; did you mean 'win11'?");
    }

    @Test
    void firstAssignmentIsTheDefaultAndDefaultMovesAndFollowsUnassign() {
        admin.addClient("52:54:00:aa:bb:17", "pc17", null, null);
        vdisk("win11", VdiskMode.STANDARD);
        vdisk("ubuntu", VdiskMode.STANDARD);
        vdisk("tools", VdiskMode.STANDARD);

        assertThat(admin.assign(new Who.Client("pc17"), "win11", false).isDefault()).isTrue();
        assertThat(admin.assign(new Who.Client("pc17"), "ubuntu", false).isDefault()).isFalse();
        admin.assign(new Who.Client("pc17"), "tools", false);
        assertThat(admin.client("pc17").vdisks()).containsExactly("win11", "ubuntu", "tools");
        assertThat(admin.client("pc17").defaultVdisk()).isEqualTo("win11");

        admin.assign(new Who.Client("pc17"), "tools", true);
        assertThat(admin.client("pc17").defaultVdisk()).isEqualTo("tools");
        assertThatThrownBy(() -> admin.assign(new Who.Client("pc17"), "tools", true)).hasMessageContaining("already assigned");
        assertThatThrownBy(() -> admin.assign(new Who.Client("pc17"), "ubuntu", false)).hasMessageContaining("already assigned");

        admin.unassign(new Who.Client("pc17"), "tools");
        assertThat(admin.client("pc17").vdisks()).containsExactly("win11", "ubuntu");
        assertThat(admin.client("pc17").defaultVdisk()).isEqualTo("win11");
        assertThatThrownBy(() -> admin.unassign(new Who.Client("pc17"), "tools")).hasMessageContaining("is not assigned to client pc17");
    }

    @Test
    void clientsSeeTheirOwnVdisksThenTheirGroups() {
        admin.addGroup("lab1");
        admin.addClient("52:54:00:aa:bb:17", "pc17", "lab1", null);
        vdisk("win11", VdiskMode.STANDARD);
        vdisk("exam", VdiskMode.STANDARD);
        admin.assign(new Who.Group("lab1"), "win11", false);
        assertThat(admin.client("pc17").vdisks()).containsExactly("win11");
        assertThat(admin.client("pc17").defaultVdisk()).isEqualTo("win11");

        admin.assign(new Who.Client("pc17"), "exam", false);
        assertThat(admin.client("pc17").vdisks()).containsExactly("exam", "win11");
        assertThat(admin.client("pc17").defaultVdisk()).isEqualTo("exam");
        assertThat(admin.vdisks()).filteredOn(v -> v.name().equals("win11")).singleElement()
                .satisfies(v -> assertThat(v.assignedTo()).containsExactly("group lab1"));

        admin.moveClient("pc17", null);
        assertThat(admin.client("pc17").vdisks()).containsExactly("exam");
    }

    @Test
    void aPrivateVdiskBelongsToOneClient() {
        admin.addGroup("lab1");
        admin.addClient("52:54:00:aa:bb:01", "pc1", null, null);
        admin.addClient("52:54:00:aa:bb:02", "pc2", null, null);
        vdisk("dev", VdiskMode.PRIVATE);

        admin.assign(new Who.Client("pc1"), "dev", false);
        assertThatThrownBy(() -> admin.assign(new Who.Client("pc2"), "dev", false))
                .hasMessageContaining("private mode and already assigned to client pc1");
        assertThatThrownBy(() -> admin.assign(new Who.Group("lab1"), "dev", false))
                .hasMessageContaining("cannot be assigned to a group");
    }

    @Test
    void removingAGroupKeepsItsClients() {
        admin.addGroup("lab1");
        admin.addClient("52:54:00:aa:bb:01", "pc1", "lab1", null);
        admin.removeGroup("lab1");
        assertThat(admin.client("pc1").group()).isNull();
        admin.removeClient("pc1");
        assertThat(admin.clients()).isEmpty();
        assertThatThrownBy(() -> admin.removeClient("pc1")).isInstanceOf(AdminException.class);
    }
}
