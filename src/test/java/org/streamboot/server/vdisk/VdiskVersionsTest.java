package org.streamboot.server.vdisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.admin.AdminException;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.Who;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.ReadCache;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.VdiskRepository;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.server.model.VdiskVersion;
import org.streamboot.server.model.VdiskVersion.VersionState;

/** Maintenance, promote, rollback and merge, checked through the sessions clients really open. */
class VdiskVersionsTest {

    static final String ADMIN_IQN = VdiskSessionsTest.PC1_IQN;
    static final String PC2_IQN = VdiskSessionsTest.PC2_IQN;
    static final MacAddress PC2 = MacAddress.parse("52:54:00:00:00:02");
    static final int SIZE = 4 << 20;

    @TempDir
    Path data;
    @TempDir
    Path work;
    Database db;
    AdminService admin;
    VdiskVersions versions;
    VdiskLayout layout;
    ReadCache cache;
    VdiskSessions sessions;
    byte[] original;
    String baseHash;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open(data);
        admin = new AdminService(db, Clock.systemUTC());
        layout = new VdiskLayout(data);
        VdiskStore store = new VdiskStore(db, layout, Clock.systemUTC());
        versions = new VdiskVersions(db, layout, Clock.systemUTC());
        original = new byte[SIZE];
        new Random(11).nextBytes(original);
        Path source = work.resolve("base.img");
        Files.write(source, original);
        store.importImage(source, "win11", VdiskMode.STANDARD, false, ImportProgress.Listener.NONE, () -> false);
        baseHash = VdiskStoreTest.sha256(layout.baseImage("win11"));
        admin.addGroup("lab1");
        admin.addClient("52:54:00:00:00:01", "pc1", "lab1", null);
        admin.addClient("52:54:00:00:00:02", "pc2", "lab1", null);
        admin.addClient("52:54:00:00:00:03", "pc3", null, null);
        admin.assign(new Who.Group("lab1"), "win11", false);
        cache = new ReadCache(64L << 20, 65536, 1);
        sessions = new VdiskSessions(db, layout, cache, 1L << 30);
    }

    @AfterEach
    void tearDown() {
        sessions.close();
        cache.close();
        db.close();
    }

    private void assertBaseUntouched() throws Exception {
        if (Files.exists(layout.baseImage("win11"))) {
            assertThat(VdiskStoreTest.sha256(layout.baseImage("win11"))).as("v1.raw is never written").isEqualTo(baseHash);
        }
    }

    private static void put(BlockDevice d, long offset, byte[] expected, String text) throws Exception {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        d.write(offset, ByteBuffer.wrap(bytes));
        if (expected != null) {
            System.arraycopy(bytes, 0, expected, (int) offset, bytes.length);
        }
    }

    private static byte[] readAll(BlockDevice d) throws Exception {
        ByteBuffer all = ByteBuffer.allocate((int) d.size());
        d.read(0, all);
        return all.array();
    }

    /** Maintenance by pc1 writes {@code text} at {@code offset} into a new version, promoted. */
    private byte[] newVersion(byte[] from, long offset, String text) throws Exception {
        byte[] expected = from.clone();
        versions.maintain("win11", "pc1");
        try (BlockDevice draft = sessions.openForInitiator(ADMIN_IQN, "win11")) {
            put(draft, offset, expected, text);
            draft.flush();
        }
        versions.promote("win11");
        sessions.newBoot(MacAddress.parse("52:54:00:00:00:01"));
        return expected;
    }

    private int current() {
        return db.call(c -> new VdiskRepository().byName(c, "win11")).orElseThrow().currentVersion();
    }

    @Test
    void maintenanceWritesADraftOnlyTheAdminClientSeesUntilItIsPromoted() throws Exception {
        byte[] v2 = original.clone();
        VdiskVersion draft = versions.maintain("win11", "pc1");
        assertThat(draft.number()).isEqualTo(2);
        assertThat(draft.parentNumber()).isEqualTo(1);
        assertThat(layout.deltaVersion("win11", 2)).isDirectory();
        try (BlockDevice adminPc = sessions.openForInitiator(ADMIN_IQN, "win11");
             BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            put(adminPc, 100, v2, "installed-update");
            put(adminPc, SIZE - 4096, v2, "tail");
            adminPc.flush();
            assertThat(readAll(pc2)).as("other clients boot v1 as standard clients").isEqualTo(original);
            put(pc2, 8192, null, "pc2-scratch");
            assertThatThrownBy(() -> versions.promote("win11")).isInstanceOf(AdminException.class)
                    .hasMessageContaining("still has the draft");
        }
        assertBaseUntouched();
        versions.promote("win11");
        assertThat(current()).isEqualTo(2);
        assertThat(db.call(c -> new VdiskRepository().byName(c, "win11")).orElseThrow().mode()).isEqualTo(VdiskMode.STANDARD);
        assertThat(versions.list("win11")).extracting(VdiskVersion::state).containsExactly(VersionState.ACTIVE,
                VersionState.ACTIVE);
        // pc2's write cache was made on v1: it is dropped, never stacked on v2 (same boot or not).
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            assertThat(readAll(pc2)).isEqualTo(v2);
        }
        try (BlockDevice adminPc = sessions.openForInitiator(ADMIN_IQN, "win11")) {
            assertThat(readAll(adminPc)).isEqualTo(v2);
            put(adminPc, 0, null, "standard-again");
        }
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            assertThat(readAll(pc2)).as("after promote the admin client is a standard client again").isEqualTo(v2);
        }
        assertBaseUntouched();
    }

    @Test
    void aRunningClientKeepsItsVersionAcrossAPromote() throws Exception {
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            byte[] v2 = newVersion(original, 0, "new-version-bytes");
            assertThat(current()).isEqualTo(2);
            assertThat(readAll(pc2)).as("pc2 booted v1 and keeps it until it reboots").isEqualTo(original);
            try (BlockDevice samePc = sessions.openForInitiator(PC2_IQN, "win11")) {
                assertThat(readAll(samePc)).as("a second session of the same boot shares its layer").isEqualTo(original);
            }
            try (BlockDevice adminPc = sessions.openForInitiator(ADMIN_IQN, "win11")) {
                assertThat(readAll(adminPc)).isEqualTo(v2);
            }
        }
        sessions.newBoot(PC2);
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            assertThat(readAll(pc2)).isEqualTo(newVersionContent());
        }
        assertBaseUntouched();
    }

    private byte[] newVersionContent() {
        byte[] v2 = original.clone();
        byte[] text = "new-version-bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, v2, 0, text.length);
        return v2;
    }

    @Test
    void rollbackReturnsToThePreviousActiveVersionAndRetiresTheCurrent() throws Exception {
        byte[] v2 = newVersion(original, 5000, "second");
        byte[] v3 = newVersion(v2, 6000, "third");
        assertThat(current()).isEqualTo(3);
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            assertThat(readAll(pc2)).isEqualTo(v3);
            VdiskVersion back = versions.rollback("win11");
            assertThat(back.number()).isEqualTo(2);
            assertThat(readAll(pc2)).as("the running session keeps v3").isEqualTo(v3);
        }
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            assertThat(readAll(pc2)).isEqualTo(v2);
        }
        assertThat(versions.list("win11")).extracting(VdiskVersion::state)
                .containsExactly(VersionState.ACTIVE, VersionState.ACTIVE, VersionState.RETIRED);
        versions.rollback("win11");
        assertThat(current()).isEqualTo(1);
        assertThatThrownBy(() -> versions.rollback("win11")).isInstanceOf(AdminException.class)
                .hasMessageContaining("no earlier active version");
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            assertThat(readAll(pc2)).isEqualTo(original);
        }
        // The next maintenance stacks on the current version, never on a retired one; numbers are not reused.
        byte[] v4 = newVersion(original, 7000, "fourth");
        assertThat(versions.list("win11").getLast()).satisfies(v -> {
            assertThat(v.number()).isEqualTo(4);
            assertThat(v.parentNumber()).isEqualTo(1);
        });
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            assertThat(readAll(pc2)).isEqualTo(v4);
        }
        assertBaseUntouched();
    }

    @Test
    void mergeFlattensTheChainIntoTheOnlyVersionWithProgress() throws Exception {
        byte[] v2 = newVersion(original, 0, "aaaaaaaaaaaaaaaa");
        byte[] v3 = newVersion(v2, 8, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        byte[] expected = v3.clone();
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            put(pc2, 1 << 20, expected, "pc2-made-on-v3");
            assertThatThrownBy(() -> versions.merge("win11", ImportProgress.Listener.NONE, () -> false))
                    .isInstanceOf(AdminException.class).hasMessageContaining("open");
        }
        try (BlockDevice nbdReader = sessions.openReadOnly("win11")) {
            assertThatThrownBy(() -> versions.merge("win11", ImportProgress.Listener.NONE, () -> false))
                    .as("a read-only view (NBD, HTTP sanboot) holds the files too")
                    .isInstanceOf(AdminException.class).hasMessageContaining("open");
        }
        assertBaseUntouched();
        List<ImportProgress> progress = new ArrayList<>();
        VdiskVersion merged = versions.merge("win11", progress::add, () -> false);
        assertThat(merged.number()).isEqualTo(4);
        assertThat(merged.parentNumber()).isZero();
        assertThat(versions.list("win11")).singleElement().extracting(VdiskVersion::number).isEqualTo(4);
        assertThat(current()).isEqualTo(4);
        assertThat(progress).isNotEmpty().last().satisfies(p -> assertThat(p.bytesDone()).isEqualTo(SIZE));
        assertThat(layout.rawVersion("win11", 4)).isRegularFile();
        assertThat(Files.readAllBytes(layout.rawVersion("win11", 4))).isEqualTo(v3);
        assertThat(layout.baseImage("win11")).doesNotExist();
        assertThat(layout.deltaVersion("win11", 2)).doesNotExist();
        assertThat(layout.deltaVersion("win11", 3)).doesNotExist();
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            assertThat(readAll(pc2)).as("a cache made on v3 stays valid on the merged v4 (same bytes)").isEqualTo(expected);
        }
        sessions.newBoot(PC2);
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            assertThat(readAll(pc2)).isEqualTo(v3);
        }
        assertThatThrownBy(() -> versions.merge("win11", ImportProgress.Listener.NONE, () -> false))
                .isInstanceOf(AdminException.class).hasMessageContaining("nothing to merge");
        // Versions go on from the merged base.
        byte[] v5 = newVersion(v3, 4096, "after-merge");
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            assertThat(readAll(pc2)).isEqualTo(v5);
        }
    }

    @Test
    void aSessionOpenedDuringAMergeIsRefused() throws Exception {
        newVersion(original, 0, "x");
        try (var lock = InUseLock.tryAcquire(layout.sessionsLock("win11")).orElseThrow()) {
            assertThatThrownBy(() -> sessions.openForInitiator(PC2_IQN, "win11"))
                    .isInstanceOfSatisfying(SessionRefusedException.class,
                            e -> assertThat(e.getMessage()).contains("being merged"));
        }
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            assertThat(pc2.size()).isEqualTo(SIZE);
        }
    }

    @Test
    void maintenanceNeedsAnAssignedClientAndAStandardVdisk() throws Exception {
        assertThatThrownBy(() -> versions.maintain("win11", "pc3")).isInstanceOf(AdminException.class)
                .hasMessageContaining("not assigned");
        assertThatThrownBy(() -> versions.maintain("win11", "nobody")).isInstanceOf(AdminException.class);
        assertThatThrownBy(() -> versions.promote("win11")).isInstanceOf(AdminException.class)
                .hasMessageContaining("not in maintenance");
        versions.maintain("win11", "pc1");
        assertThatThrownBy(() -> versions.maintain("win11", "pc2")).isInstanceOf(AdminException.class)
                .hasMessageContaining("already in maintenance");
        assertThatThrownBy(() -> versions.rollback("win11")).isInstanceOf(AdminException.class);
        assertThatThrownBy(() -> versions.merge("win11", ImportProgress.Listener.NONE, () -> false))
                .isInstanceOf(AdminException.class);
        versions.discardDraft("win11");
        assertThat(layout.deltaVersion("win11", 2)).doesNotExist();
        assertThat(current()).isEqualTo(1);
        assertThat(versions.list("win11")).extracting(VdiskVersion::state)
                .containsExactly(VersionState.ACTIVE, VersionState.RETIRED);
        try (BlockDevice pc1 = sessions.openForInitiator(ADMIN_IQN, "win11")) {
            assertThat(Arrays.equals(readAll(pc1), original)).isTrue();
        }
        assertBaseUntouched();
    }
}
