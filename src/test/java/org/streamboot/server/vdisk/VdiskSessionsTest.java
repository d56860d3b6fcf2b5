package org.streamboot.server.vdisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.Who;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.ReadCache;
import org.streamboot.server.block.WriteProtectedException;
import org.streamboot.server.db.Database;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.RegistrationState;
import org.streamboot.server.model.VdiskMode;

class VdiskSessionsTest {

    static final String PC1_IQN = "iqn.2026-11.org.streamboot:client.pc1";
    static final String PC2_IQN = "iqn.2026-11.org.streamboot:client.pc2";
    static final MacAddress PC1 = MacAddress.parse("52:54:00:00:00:01");

    @TempDir
    Path data;
    @TempDir
    Path work;
    Database db;
    AdminService admin;
    VdiskStore store;
    ReadCache cache;
    VdiskSessions sessions;
    String baseHash;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open(data);
        admin = new AdminService(db, Clock.systemUTC());
        store = new VdiskStore(db, new VdiskLayout(data), Clock.systemUTC());
        byte[] image = new byte[4 << 20];
        new Random(7).nextBytes(image);
        Path source = work.resolve("base.img");
        Files.write(source, image);
        store.importImage(source, "win11", VdiskMode.STANDARD, false, ImportProgress.Listener.NONE, () -> false);
        store.importImage(source, "dev", VdiskMode.PRIVATE, false, ImportProgress.Listener.NONE, () -> false);
        baseHash = VdiskStoreTest.sha256(store.layout().baseImage("win11"));
        admin.addGroup("lab1");
        admin.addClient("52:54:00:00:00:01", "pc1", "lab1", null);
        admin.addClient("52:54:00:00:00:02", "pc2", "lab1", null);
        admin.assign(new Who.Group("lab1"), "win11", false);
        cache = new ReadCache(64L << 20, 65536, 1);
        sessions = new VdiskSessions(db, store.layout(), cache, 1L << 30);
    }

    @AfterEach
    void tearDown() throws Exception {
        sessions.close();
        cache.close();
        db.close();
        assertThat(VdiskStoreTest.sha256(store.layout().baseImage("win11"))).as("the base image is never written").isEqualTo(baseHash);
    }

    static void write(BlockDevice d, long offset, String text) throws Exception {
        d.write(offset, ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    static String read(BlockDevice d, long offset, int length) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(length);
        d.read(offset, b);
        return new String(b.array(), StandardCharsets.US_ASCII);
    }

    @Test
    void eachClientWritesIntoItsOwnCacheAndNeverSeesAnothers() throws Exception {
        try (BlockDevice pc1 = sessions.openForInitiator(PC1_IQN, "win11");
             BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            String original = read(pc2, 1000, 5);
            write(pc1, 1000, "hello");
            assertThat(read(pc1, 1000, 5)).isEqualTo("hello");
            assertThat(read(pc2, 1000, 5)).isEqualTo(original);
            pc1.flush();
        }
        assertThat(Files.exists(store.layout().writeCacheDir("win11").resolve("525400000001"))).isTrue();
        assertThat(sessions.activity()).hasSize(2).allSatisfy(a -> assertThat(a.open()).isFalse());
    }

    @Test
    void aStandardCacheSurvivesReconnectsButNotTheNextBoot() throws Exception {
        try (BlockDevice s = sessions.openForInitiator(PC1_IQN, "win11")) {
            write(s, 0, "boot1");
        }
        try (BlockDevice s = sessions.openForInitiator(PC1_IQN, "win11")) {
            assertThat(read(s, 0, 5)).as("the OS logs in again after iPXE: same boot, same data").isEqualTo("boot1");
        }
        sessions.newBoot(PC1);
        try (BlockDevice s = sessions.openForInitiator(PC1_IQN, "win11")) {
            assertThat(read(s, 0, 5)).isNotEqualTo("boot1");
        }
    }

    @Test
    void aResetPcsLingeringSessionDoesNotCarryItsWriteCacheIntoTheNextBoot() throws Exception {
        BlockDevice lingering = sessions.openForInitiator(PC1_IQN, "win11");
        String original = read(lingering, 0, 5);
        write(lingering, 0, "boot1");
        // The PC was reset: its new iPXE fetches its script while the old connection still stands.
        sessions.newBoot(PC1);
        try (BlockDevice fresh = sessions.openForInitiator(PC1_IQN, "win11")) {
            assertThat(read(fresh, 0, 5)).as("the new boot starts from the vDisk, not the last boot's cache").isEqualTo(original);
            assertThatThrownBy(() -> write(lingering, 0, "late!")).as("the dead session's I/O fails").isNotNull();
            lingering.close();
            write(fresh, 0, "boot2");
            assertThat(read(fresh, 0, 5)).as("closing the old session leaves the new one alone").isEqualTo("boot2");
        }
    }

    @Test
    void aWriteCacheIsDiscardedOnlyWhileTheClientIsNotAttached() throws Exception {
        BlockDevice s = sessions.openForInitiator(PC1_IQN, "win11");
        write(s, 0, "keep?");
        assertThatThrownBy(() -> sessions.discardWriteCaches(PC1, "pc1"))
                .isInstanceOf(org.streamboot.server.admin.AdminException.class).hasMessageContaining("attached right now");
        assertThat(read(s, 0, 5)).as("a refused discard leaves the cache alone").isEqualTo("keep?");
        s.close();
        try (BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            write(pc2, 0, "other");
            assertThat(sessions.discardWriteCaches(PC1, "pc1")).as("another client's session does not stand in the way")
                    .containsExactly("win11");
            assertThat(read(pc2, 0, 5)).isEqualTo("other");
        }
        assertThat(store.layout().writeCacheDir("win11").resolve(PC1.compact())).doesNotExist();
        assertThat(store.layout().writeCacheDir("win11").resolve("525400000002")).isDirectory();
        assertThat(sessions.activity()).extracting(DiskActivity::client).containsExactly("pc2");
        try (BlockDevice again = sessions.openForInitiator(PC1_IQN, "win11")) {
            assertThat(read(again, 0, 5)).as("the same boot, yet the cache is gone").isNotEqualTo("keep?");
        }
        assertThat(sessions.discardWriteCaches(MacAddress.parse("52:54:00:00:00:09"), "nobody")).isEmpty();
    }

    @Test
    void activityNamesTheBlocksOfTheVdiskInTheReadCacheOneSetPerVersion() throws Exception {
        try (BlockDevice pc1 = sessions.openForInitiator(PC1_IQN, "win11");
             BlockDevice pc2 = sessions.openForInitiator(PC2_IQN, "win11")) {
            read(pc1, 3 * 65536 + 10, 5);
            var activity = sessions.activity();
            assertThat(activity).hasSize(2);
            assertThat(activity.get(0).readCached().stream().toArray()).containsExactly(3);
            assertThat(activity.get(1).readCached()).as("one set for both clients of v1").isSameAs(activity.get(0).readCached());
        }
        assertThat(sessions.activity()).allSatisfy(a -> assertThat(a.readCached().get(3)).as("closed sessions too").isTrue());
        cache.cachedChunks(java.util.List.of()); // no layers asked: nothing to do
    }

    @Test
    void readCacheChunksMapOntoAccessBlocksOfAnotherSize() {
        java.util.BitSet chunks = new java.util.BitSet();
        chunks.set(1);
        chunks.set(4);
        assertThat(DiskActivities.toBlocks(chunks, 65536, 65536)).isSameAs(chunks);
        assertThat(DiskActivities.toBlocks(chunks, 131072, 65536).stream().toArray()).containsExactly(2, 3, 8, 9);
        assertThat(DiskActivities.toBlocks(chunks, 32768, 65536).stream().toArray()).containsExactly(0, 2);
    }

    @Test
    void aNewBootStartsEmptyEvenWhileASessionOfTheLastBootIsStillOpen() throws Exception {
        // The OS powered off without logging out of iPXE's session: the target has not noticed yet.
        BlockDevice lastBoot = sessions.openForInitiator(PC1_IQN, "win11");
        write(lastBoot, 0, "boot1");
        sessions.newBoot(PC1);
        try (BlockDevice s = sessions.openForInitiator(PC1_IQN, "win11")) {
            assertThat(read(s, 0, 5)).as("standard mode: the next boot starts from the base").isNotEqualTo("boot1");
            assertThatThrownBy(() -> read(lastBoot, 0, 5)).as("the gone boot's session is cut off").isInstanceOf(IOException.class);
            lastBoot.close(); // the target drops the dead connection at last
            write(s, 0, "boot2");
            assertThat(read(s, 0, 5)).as("the late close does not end the new boot's layer").isEqualTo("boot2");
            assertThat(sessions.activity()).filteredOn(DiskActivity::open).hasSize(1);
        }
        assertThat(sessions.activity()).noneMatch(DiskActivity::open);
    }

    @Test
    void sessionsOfOneClientShareOneCache() throws Exception {
        try (BlockDevice ipxe = sessions.openForInitiator(PC1_IQN, "win11");
             BlockDevice os = sessions.openForInitiator(PC1_IQN, "win11")) {
            write(os, 4096, "shared");
            assertThat(read(ipxe, 4096, 6)).isEqualTo("shared");
        }
    }

    @Test
    void strangersUnassignedAndUnapprovedClientsAreRefused() {
        assertThatThrownBy(() -> sessions.openForInitiator("iqn.2026-11.org.example:nobody", "win11"))
                .isInstanceOfSatisfying(SessionRefusedException.class,
                        e -> assertThat(e.refusal().reason()).isEqualTo(SessionRefusal.Reason.UNKNOWN_CLIENT));
        assertThatThrownBy(() -> sessions.openForInitiator(PC1_IQN, "dev"))
                .isInstanceOfSatisfying(SessionRefusedException.class,
                        e -> assertThat(e.refusal().reason()).isEqualTo(SessionRefusal.Reason.NOT_ALLOWED));
        assertThatThrownBy(() -> sessions.openForInitiator(PC1_IQN, "nothing"))
                .isInstanceOfSatisfying(SessionRefusedException.class,
                        e -> assertThat(e.refusal().reason()).isEqualTo(SessionRefusal.Reason.UNKNOWN_VDISK));
        admin.registerArrival(MacAddress.parse("52:54:00:00:00:03"), RegistrationState.PENDING);
        admin.moveClient("pc-01", "lab1");
        assertThatThrownBy(() -> sessions.openForClient("pc-01", "win11"))
                .isInstanceOfSatisfying(SessionRefusedException.class,
                        e -> assertThat(e.getMessage()).contains("not approved"));
    }

    @Test
    void aPrivateVdiskServesOneClientAtATimeAndKeepsItsWrites() throws Exception {
        admin.assign(new Who.Client("pc1"), "dev", false);
        try (BlockDevice s = sessions.openForInitiator(PC1_IQN, "dev")) {
            write(s, 0, "mine");
            admin.unassign(new Who.Client("pc1"), "dev");
            admin.assign(new Who.Client("pc2"), "dev", false);
            assertThatThrownBy(() -> sessions.openForInitiator(PC2_IQN, "dev"))
                    .isInstanceOfSatisfying(SessionRefusedException.class,
                            e -> assertThat(e.getMessage()).contains("in use by pc1"));
        }
        sessions.newBoot(MacAddress.parse("52:54:00:00:00:02"));
        try (BlockDevice s = sessions.openForInitiator(PC2_IQN, "dev")) {
            assertThat(read(s, 0, 4)).isEqualTo("mine");
        }
    }

    @Test
    void theReadOnlyViewRefusesWrites() throws Exception {
        try (BlockDevice view = sessions.openReadOnly("win11")) {
            assertThat(view.readOnly()).isTrue();
            assertThatThrownBy(() -> write(view, 0, "x")).isInstanceOf(WriteProtectedException.class);
            assertThat(view.size()).isEqualTo(4 << 20);
        }
    }

    @Test
    void theFirstBootLeavesABootProfileForPrefetch() throws Exception {
        try (BlockDevice s = sessions.openForInitiator(PC1_IQN, "win11")) {
            read(s, 0, 512);
            read(s, 3 << 20, 4096);
        }
        Path profile = store.layout().vdiskDir("win11").resolve("v1.bootprofile");
        assertThat(profile).exists();
        try (BlockDevice s = sessions.openForInitiator(PC2_IQN, "win11")) {
            read(s, 0, 512);
        }
        assertThat(sessions.activity()).filteredOn(a -> a.client().equals("pc2")).singleElement()
                .satisfies(a -> assertThat(a.bootSetRead()).isEqualTo(0.5));
    }
}
