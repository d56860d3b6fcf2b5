package org.streamboot.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.config.Setting;
import org.streamboot.server.config.SettingsStore;
import org.streamboot.server.db.Database;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.RegistrationState;

/** Names from the name pattern and initiator names derived from names, through the admin API. */
class ClientIdentitiesTest {

    @TempDir
    Path dir;
    Database db;
    AdminService admin;
    SettingsStore settings;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        admin = new AdminService(db, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
        settings = new SettingsStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    Views.ClientView arrive(String mac) {
        return admin.registerArrival(MacAddress.parse(mac), RegistrationState.APPROVED);
    }

    @Test
    void theDefaultPatternNumbersFromOneAndFillsGaps() {
        assertThat(arrive("52:54:00:00:00:01").name()).isEqualTo("pc-01");
        assertThat(arrive("52:54:00:00:00:02").name()).isEqualTo("pc-02");
        admin.removeClient("pc-01");
        assertThat(arrive("52:54:00:00:00:03").name()).isEqualTo("pc-01");
    }

    @Test
    void arrivalsAndUnnamedAdditionsFollowTheAdminsPattern() {
        settings.put(Setting.REGISTRATION_NAME_PATTERN.key, Setting.REGISTRATION_NAME_PATTERN.validate("lab-pc-{nnn}"));
        var first = arrive("52:54:00:00:00:01");
        assertThat(first.name()).isEqualTo("lab-pc-001");
        assertThat(first.iqn()).isEqualTo("iqn.2026-11.org.streamboot:client.lab-pc-001");
        assertThat(admin.addClient("52:54:00:00:00:02", null, null, null).name()).isEqualTo("lab-pc-002");
    }

    @Test
    void macPatternsNameByMacAndKeepNamesUniqueWhenTheLastDigitsRepeat() {
        settings.put(Setting.REGISTRATION_NAME_PATTERN.key, "Lab-{mac6}");
        assertThat(arrive("52:54:00:ab:cd:ef").name()).isEqualTo("Lab-abcdef");
        var sameTail = arrive("00:16:3e:ab:cd:ef");
        assertThat(sameTail.name()).isEqualTo("Lab-abcdef-2");
        assertThat(sameTail.iqn()).isEqualTo("iqn.2026-11.org.streamboot:client.lab-abcdef-2");
    }

    @Test
    void aStoredPatternThatNoLongerChecksFallsBackToTheDefault() {
        settings.put(Setting.REGISTRATION_NAME_PATTERN.key, "bad_pattern");
        assertThat(arrive("52:54:00:00:00:01").name()).isEqualTo("pc-01");
    }

    @Test
    void theIqnIsTheNamesAndSurvivesARename() {
        var pc = admin.addClient("52:54:00:00:00:07", "Lab-PC-07", null, null);
        assertThat(pc.iqn()).isEqualTo("iqn.2026-11.org.streamboot:client.lab-pc-07");
        var renamed = admin.renameClient("Lab-PC-07", "desk-3");
        assertThat(renamed.name()).isEqualTo("desk-3");
        assertThat(renamed.iqn()).isEqualTo(pc.iqn());
    }

    @Test
    void aNameFreedByARenameGetsTheIqnWithTheMacTail() {
        admin.addClient("52:54:00:00:00:07", "lab-pc-07", null, null);
        admin.renameClient("lab-pc-07", "desk-3");
        var newcomer = admin.addClient("52:54:00:12:34:56", "lab-pc-07", null, null);
        assertThat(newcomer.iqn()).isEqualTo("iqn.2026-11.org.streamboot:client.lab-pc-07-123456");
        assertThat(admin.client("desk-3").iqn()).isEqualTo("iqn.2026-11.org.streamboot:client.lab-pc-07");
    }

    @Test
    void aHandSetIqnIsKeptAsGiven() {
        var pc = admin.addClient("52:54:00:00:00:08", "pc8", null, "iqn.1991-05.com.microsoft:PC8");
        assertThat(pc.iqn()).isEqualTo("iqn.1991-05.com.microsoft:pc8");
    }
}
