package org.streamboot.server.live.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.db.Database;
import org.streamboot.server.live.ClientActivity;
import org.streamboot.server.live.LiveHub;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.vdisk.DiskActivity;

class DemoFleetTest {

    @TempDir
    Path temp;

    @Test
    void aBootGoesThroughTheStagesInOrderAndFailuresNameAReason() {
        DemoBoot boot = new DemoBoot(new Random(1), 0.0, 0);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < 60 && boot.stage() != BootStage.RUNNING; i++) {
            DemoBoot.Step step = boot.tick();
            if (step != null) {
                path.append(step.stage()).append(' ');
            }
        }
        assertThat(path.toString()).matches("DHCP FIRMWARE_DOWNLOAD SCRIPT (MENU )?DISK_ATTACHED STREAMING RUNNING ");

        DemoBoot failing = new DemoBoot(new Random(2), 1.0, 0);
        DemoBoot.Step step;
        do {
            step = failing.tick();
        } while (step == null || step.stage() != BootStage.FAILED);
        assertThat(step.severity()).isEqualTo(BootEvent.Severity.ERROR);
        assertThat(step.detail()).contains("TFTP");
    }

    @Test
    void theFleetRegistersLocallyAdministeredClientsAndFeedsTheHub() {
        try (Database db = Database.open(temp.resolve("data"))) {
            AdminService admin = new AdminService(db, Clock.systemUTC());
            LiveHub hub = new LiveHub(Clock.systemUTC());
            try (DemoFleet fleet = new DemoFleet(hub, admin, 12, 42, Clock.systemUTC()).register()) {
                assertThat(admin.clients()).hasSize(12).allSatisfy(c -> {
                    assertThat(c.mac()).startsWith("02:5b:");
                    assertThat(DemoFleet.GROUPS).contains(c.group());
                });
                Set<BootStage> seen = EnumSet.noneOf(BootStage.class);
                for (int i = 0; i < 400; i++) {
                    fleet.tick();
                    hub.snapshot().clients().stream().map(ClientActivity::stage).forEach(seen::add);
                }
                assertThat(seen).contains(BootStage.DHCP, BootStage.STREAMING, BootStage.RUNNING, BootStage.FAILED);
                List<DiskActivity> disks = fleet.activity();
                assertThat(disks).hasSize(12);
                assertThat(disks).anySatisfy(d -> assertThat(d.access().bytesRead()).isPositive());
            }
            // Registering again (the next console start) reuses the same clients.
            new DemoFleet(hub, admin, 12, 42, Clock.systemUTC()).register().close();
            assertThat(admin.clients()).hasSize(12);
        }
    }

    @Test
    void macsAreLocallyAdministeredUnicast() {
        byte first = DemoFleet.macOf(300).toBytes()[0];
        assertThat(first & 0x02).isEqualTo(2);
        assertThat(first & 0x01).isZero();
        assertThat(DemoFleet.macOf(300).value()).isEqualTo("02:5b:00:00:01:2c");
    }
}
