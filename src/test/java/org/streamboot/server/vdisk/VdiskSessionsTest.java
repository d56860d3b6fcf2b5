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
