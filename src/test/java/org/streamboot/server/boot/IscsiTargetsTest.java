package org.streamboot.server.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.Who;
import org.streamboot.server.block.ReadCache;
import org.streamboot.server.db.Database;
import org.streamboot.server.iscsi.TargetDirectory;
import org.streamboot.server.live.ClientAddresses;
import org.streamboot.server.live.LiveHub;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.server.vdisk.ImportProgress;
import org.streamboot.server.vdisk.VdiskLayout;
import org.streamboot.server.vdisk.VdiskSessions;
import org.streamboot.server.vdisk.VdiskStore;

/** The iSCSI target directory over the store: who may log in, what the console hears of it. */
class IscsiTargetsTest {

    private static final String PC1 = "iqn.2026-11.org.streamboot:client.pc1";
    private static final MacAddress PC1_MAC = MacAddress.parse("52:54:00:00:00:01");
    private static final String WIN11 = "iqn.2026-11.org.streamboot:vdisk.win11";

    @TempDir
    Path data;
    @TempDir
    Path work;
    private Database db;
    private ReadCache cache;
    private VdiskSessions sessions;
    private LiveHub live;
    private IscsiTargets targets;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open(data);
        AdminService admin = new AdminService(db, Clock.systemUTC());
        VdiskStore store = new VdiskStore(db, new VdiskLayout(data), Clock.systemUTC());
        byte[] image = new byte[1 << 20];
        new Random(3).nextBytes(image);
        Path source = Files.write(work.resolve("base.img"), image);
        store.importImage(source, "win11", VdiskMode.STANDARD, false, ImportProgress.Listener.NONE, () -> false);
        store.importImage(source, "other", VdiskMode.STANDARD, false, ImportProgress.Listener.NONE, () -> false);
        admin.addClient(PC1_MAC.value(), "pc1", null, PC1);
        admin.assign(new Who.Client("pc1"), "win11", false);
        cache = new ReadCache(8L << 20, 65536, 1);
        sessions = new VdiskSessions(db, store.layout(), cache, 1L << 30);
        live = new LiveHub(Clock.systemUTC());
        targets = new IscsiTargets(sessions, initiator -> Optional.empty(),
                new DiskAttachEvents(live, admin, new ClientAddresses()));
    }

    @AfterEach
    void tearDown() throws Exception {
        sessions.close();
        cache.close();
        db.close();
    }

    @Test
    void loginsAndRefusalsReachThePcsCard() {
        TargetDirectory.Granted granted = (TargetDirectory.Granted) targets.open(PC1, WIN11);
        assertThat(last()).satisfies(e -> {
            assertThat(e.mac()).isEqualTo(PC1_MAC);
            assertThat(e.stage()).isEqualTo(BootStage.DISK_ATTACHED);
            assertThat(e.detail()).contains("win11", "iSCSI");
        });
        granted.release().run();

        assertThat(targets.open(PC1, "iqn.2026-11.org.streamboot:vdisk.other")).isInstanceOf(TargetDirectory.Refused.class);
        assertThat(last()).satisfies(e -> {
            assertThat(e.mac()).isEqualTo(PC1_MAC);
            assertThat(e.stage()).isEqualTo(BootStage.FAILED);
            assertThat(e.detail()).contains("refused", "not assigned to pc1");
        });

        targets.open("iqn.2026-11.org.example:stranger", WIN11);
        assertThat(last().mac()).as("a stranger has no card").isNull();
        assertThat(last().detail()).startsWith("iqn.2026-11.org.example:stranger ");
    }

    @Test
    void aNewBootGetsItsOwnLogicalUnitWhileTheOldConnectionLingers() {
        TargetDirectory.Granted first = (TargetDirectory.Granted) targets.open(PC1, WIN11);
        TargetDirectory.Granted second = (TargetDirectory.Granted) targets.open(PC1, WIN11);
        assertThat(second.target()).as("two sessions of one boot share the unit").isSameAs(first.target());

        sessions.newBoot(PC1_MAC);
        TargetDirectory.Granted reborn = (TargetDirectory.Granted) targets.open(PC1, WIN11);
        assertThat(reborn.target()).as("the new boot does not inherit the old unit").isNotSameAs(first.target());

        first.release().run();
        second.release().run();
        TargetDirectory.Granted os = (TargetDirectory.Granted) targets.open(PC1, WIN11);
        assertThat(os.target()).as("the OS's login joins this boot's unit").isSameAs(reborn.target());
        os.release().run();
        reborn.release().run();
    }

    private BootEvent last() {
        List<BootEvent> recent = live.snapshot().recent();
        return recent.getLast();
    }
}
