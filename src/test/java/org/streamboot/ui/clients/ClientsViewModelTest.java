package org.streamboot.ui.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamboot.server.admin.Views.ClientView;

class ClientsViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-20T14:30:00Z");
    private final ClientsViewModel model = new ClientsViewModel(ZoneOffset.UTC);

    private static ClientView client(String registration, String firmware, String ip, long seen, List<String> vdisks,
                                     String def, String group) {
        return new ClientView("pc-01", "52:54:00:12:34:56", "iqn.2026-11.org.streamboot:pc-01", group, registration,
                firmware, ip, seen, vdisks, def);
    }

    @Test
    void aNewClientHasPlaceholdersNotNulls() {
        ClientRow row = model.rows(List.of(client("approved", "UNKNOWN", null, 0, List.of(), null, null)), NOW).getFirst();
        assertThat(row).isEqualTo(new ClientRow("pc-01", "52:54:00:12:34:56", "—", "Not seen yet", "—", "—", "none"));
    }

    @Test
    void aSeenClientShowsWhenFirmwareIpAndMenuWithDefault() {
        long seenToday = Instant.parse("2026-11-20T09:05:00Z").toEpochMilli();
        ClientRow row = model.rows(List.of(client("approved", "UEFI_HTTP", "10.0.0.21", seenToday,
                List.of("ubuntu", "win11"), "win11", "lab-a")), NOW).getFirst();
        assertThat(row.group()).isEqualTo("lab-a");
        assertThat(row.state()).isEqualTo("Last seen 09:05");
        assertThat(row.firmware()).isEqualTo("UEFI HTTP");
        assertThat(row.ip()).isEqualTo("10.0.0.21");
        assertThat(row.vdisks()).isEqualTo("ubuntu, win11 (default)");
    }

    @Test
    void aClientSeenOnAnotherDayShowsTheDate() {
        long seen = Instant.parse("2026-11-18T23:59:00Z").toEpochMilli();
        assertThat(model.rows(List.of(client("approved", "BIOS", null, seen, List.of("a"), "a", null)), NOW)
                .getFirst().state()).isEqualTo("Last seen 2026-11-18");
    }

    @Test
    void aSingleVdiskIsNotMarkedDefault() {
        assertThat(ClientsViewModel.vdisks(List.of("win11"), "win11")).isEqualTo("win11");
    }

    @Test
    void registrationStatesReadAsSentences() {
        assertThat(model.rows(List.of(client("pending", "IPXE", null, 1, List.of(), null, null)), NOW).getFirst().state())
                .isEqualTo("Waiting for approval");
        assertThat(model.rows(List.of(client("rejected", "BIOS", null, 1, List.of(), null, null)), NOW).getFirst().state())
                .isEqualTo("Rejected");
        assertThat(ClientsViewModel.firmware("IPXE")).isEqualTo("iPXE");
    }

    @Test
    void emptyHintTellsHowToAddAClient() {
        assertThat(ClientsViewModel.EMPTY_HINT).contains("streamboot client add --mac").contains("power a PC on");
        assertThat(ClientsViewModel.title(3)).isEqualTo("Clients (3)");
    }
}
