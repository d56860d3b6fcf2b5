package org.streamboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.LeaseRepository;
import org.streamboot.server.model.MacAddress;

/** {@code client reserve} and {@code client uefi-binary} as an admin types them. */
class ClientBootCommandsTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    Run run(String... args) {
        AdminRun r = AdminRun.of(dir, args);
        return new Run(r.code(), r.out(), r.err());
    }

    @BeforeEach
    void twoPcs() {
        assertThat(run("client", "add", "--mac", "52:54:00:00:00:07", "--name", "lab-7").code()).isZero();
        assertThat(run("client", "add", "--mac", "52:54:00:00:00:08", "--name", "lab-8").code()).isZero();
    }

    @Test
    void reserveShowsChangesAndClears() {
        Run shown = run("client", "reserve", "lab-7");
        assertThat(shown.code()).isZero();
        assertThat(shown.out()).contains("RESERVED IP", "(from the range)", "(server setting)");

        Run reserved = run("client", "reserve", "lab-7", "192.168.1.57");
        assertThat(reserved.code()).as(reserved.err()).isZero();
        assertThat(reserved.out()).contains("lab-7", "192.168.1.57");
        assertThat(pinnedAddress("52:54:00:00:00:07")).contains("192.168.1.57");

        Run moved = run("client", "reserve", "lab-7", "192.168.1.58", "--json");
        assertThat(moved.out()).contains("\"reservedIp\" : \"192.168.1.58\"");
        assertThat(pinnedAddress("52:54:00:00:00:07")).contains("192.168.1.58");

        assertThat(run("client", "reserve", "lab-7", "--clear").code()).isZero();
        assertThat(pinnedAddress("52:54:00:00:00:07")).isEmpty();
    }

    @Test
    void badOrTakenAddressesAreRefusedAndNothingChanges() {
        assertThat(run("client", "reserve", "lab-7", "192.168.1.57").code()).isZero();

        Run taken = run("client", "reserve", "lab-8", "192.168.1.57");
        assertThat(taken.code()).isEqualTo(2);
        assertThat(taken.err()).contains("already reserved for lab-7");
        for (String bad : List.of("192.168.1.300", "printer.local", "224.0.0.1", "127.0.0.5", "255.255.255.255", "0.1.2.3")) {
            Run refused = run("client", "reserve", "lab-8", bad);
            assertThat(refused.code()).as(bad).isEqualTo(2);
            assertThat(refused.err()).as(bad).isNotBlank();
        }
        assertThat(run("client", "reserve", "lab-8", "192.168.1.9", "--clear").code()).as("both").isEqualTo(2);
        assertThat(run("client", "reserve", "nobody", "192.168.1.9").err()).contains("no client named 'nobody'");
        assertThat(pinnedAddress("52:54:00:00:00:08")).isEmpty();
        assertThat(pinnedAddress("52:54:00:00:00:07")).contains("192.168.1.57");
    }

    @Test
    void removingThePcFreesItsReservation() {
        run("client", "reserve", "lab-7", "192.168.1.57");
        assertThat(run("client", "remove", "lab-7").code()).isZero();
        assertThat(pinnedAddress("52:54:00:00:00:07")).isEmpty();
        assertThat(run("client", "reserve", "lab-8", "192.168.1.57").code()).isZero();
    }

    @Test
    void uefiBinaryAcceptsSettingNamesAndFileNames() {
        Run set = run("client", "uefi-binary", "lab-7", "snponly.efi");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("snponly_efi");
        assertThat(run("client", "uefi-binary", "lab-7").out()).contains("snponly_efi");
        assertThat(run("client", "uefi-binary", "lab-8").out()).contains("(server setting)");

        Run bad = run("client", "uefi-binary", "lab-7", "grub.efi");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'grub.efi' is not one of ipxe_efi, snponly_efi");
        assertThat(run("client", "uefi-binary", "lab-7").out()).as("unchanged").contains("snponly_efi");

        assertThat(run("client", "uefi-binary", "lab-7", "--default").out()).contains("(server setting)");
    }

    private java.util.Optional<String> pinnedAddress(String mac) {
        try (Database db = Database.open(dir)) {
            return db.call(c -> new LeaseRepository().byMac(c, MacAddress.parse(mac)))
                    .filter(l -> l.reserved()).map(l -> l.ip());
        }
    }
}
