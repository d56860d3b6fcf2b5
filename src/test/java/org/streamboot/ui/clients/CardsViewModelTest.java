package org.streamboot.ui.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamboot.server.admin.Views.ClientView;
import org.streamboot.server.admin.Views.VdiskView;
import org.streamboot.server.block.AccessSnapshot;
import org.streamboot.server.live.ClientActivity;
import org.streamboot.server.live.LiveSnapshot;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.vdisk.DiskActivity;
import org.streamboot.ui.shell.CacheFigures;
import org.streamboot.ui.shell.ConsoleSnapshot;

class CardsViewModelTest {

    static final MacAddress A = MacAddress.parse("52:54:00:00:00:01");
    static final MacAddress B = MacAddress.parse("52:54:00:00:00:02");
    static final long BLOCK = 64 * 1024;

    static ClientView client(String name, MacAddress mac, String group, String registration, List<String> vdisks) {
        return new ClientView(name, mac.value(), "iqn.2026-11.org.streamboot:" + name, group, registration, "UEFI",
                "10.0.0.5", 1, vdisks, vdisks.isEmpty() ? null : vdisks.getFirst());
    }

    static AccessSnapshot access(long bytesRead, long bytesWritten, long atMillis, int... readBlocks) {
        long[] read = new long[2];
        for (int b : readBlocks) {
            read[b / 64] |= 1L << (b % 64);
        }
        return new AccessSnapshot(128 * BLOCK, (int) BLOCK, read, new long[2], bytesRead, bytesWritten, 1, 1,
                Instant.ofEpochMilli(atMillis));
    }

    static ConsoleSnapshot snapshot(List<ClientView> clients, List<ClientActivity> live, List<DiskActivity> disks,
                                    List<VdiskView> vdisks) {
        return new ConsoleSnapshot(List.of(), clients, List.of(), vdisks, new LiveSnapshot(1, live, List.of(), 0), disks,
                CacheFigures.NONE, Instant.EPOCH);
    }

    @Test
    void aFailedClientShowsTheReasonOfItsLastEventAndAPendingOneAsksForApproval() {
        BootEvent failed = new BootEvent(10, A, BootStage.FAILED, BootEvent.Severity.ERROR, "iSCSI login refused");
        ConsoleSnapshot s = snapshot(List.of(client("pc-01", A, "lab", "approved", List.of()),
                        client("pc-02", B, null, "pending", List.of())),
                List.of(new ClientActivity(A, BootStage.FAILED, failed, 10)), List.of(), List.of());

        List<ClientCard> cards = new CardsViewModel().cards(s);

        assertThat(cards.get(0).stage()).isEqualTo(BootStage.FAILED);
        assertThat(cards.get(0).stageText()).isEqualTo("FAILED");
        assertThat(cards.get(0).failure()).isEqualTo("iSCSI login refused");
        assertThat(cards.get(1).stage()).isEqualTo(BootStage.OFF);
        assertThat(cards.get(1).pending()).isTrue();
        assertThat(cards.get(1).stageText()).isEqualTo("Pending");
        assertThat(cards.get(1).group()).isEqualTo("—");
        assertThat(cards.get(1).streamed()).isEqualTo(-1);
    }

    @Test
    void throughputComesFromTwoSuccessiveSnapshots() {
        CardsViewModel model = new CardsViewModel();
        ClientView c = client("pc-01", A, "lab", "approved", List.of("win11"));
        model.cards(snapshot(List.of(c), List.of(), List.of(disk(access(0, 0, 1_000))), List.of()));
        List<ClientCard> second = model.cards(snapshot(List.of(c), List.of(),
                List.of(disk(access(25_000_000, 500_000, 3_000, 0, 1))), List.of()));

        assertThat(second.getFirst().throughput()).isEqualTo("↓ 12.5 MB/s  ↑ 250 kB/s");
        assertThat(second.getFirst().streamed()).as("2 of 128 blocks read").isEqualTo(2.0 / 128);
    }

    @Test
    void chipsTellOwnAssignmentsFromTheGroupsAndMarkTheDefault() {
        ClientView c = client("pc-01", A, "lab", "approved", List.of("win11", "ubuntu"));
        List<VdiskView> vdisks = List.of(new VdiskView("win11", "standard", 1, false, 1, 1, List.of("client pc-01")),
                new VdiskView("ubuntu", "standard", 1, false, 1, 1, List.of("group lab")));

        assertThat(CardsViewModel.chips(c, vdisks)).containsExactly(new ClientCard.Chip("win11", true, true),
                new ClientCard.Chip("ubuntu", false, false));
    }

    @Test
    void theFilterMatchesGroupStageNameAndMacInAnySpelling() {
        ClientCard card = new CardsViewModel().cards(snapshot(List.of(client("pc-17", A, "lab", "approved", List.of())),
                List.of(), List.of(), List.of())).getFirst();

        assertThat(CardFilter.ALL.matches(card)).isTrue();
        assertThat(new CardFilter("lab", BootStage.OFF, "PC-1").matches(card)).isTrue();
        assertThat(new CardFilter(null, null, "525400000001").matches(card)).isTrue();
        assertThat(new CardFilter(null, null, "52-54-00-00-00-01").matches(card)).isTrue();
        assertThat(new CardFilter("other", null, "").matches(card)).isFalse();
        assertThat(new CardFilter(null, BootStage.RUNNING, "").matches(card)).isFalse();
        assertThat(new CardFilter(null, null, "pc-2").matches(card)).isFalse();
    }

    @Test
    void aNewSessionWhoseCountersStartAgainGivesNoNegativeRate() {
        assertThat(Throughput.between(access(5_000, 0, 1_000), access(1_000, 0, 2_000))).isEqualTo(Throughput.NONE);
        assertThat(Throughput.between(access(0, 0, 2_000), access(1_000, 0, 2_000))).isEqualTo(Throughput.NONE);
        assertThat(Throughput.rate(999)).isEqualTo("999 B/s");
    }

    private static DiskActivity disk(AccessSnapshot a) {
        return new DiskActivity(A, "pc-01", "win11", true, a, 0, 100, -1);
    }
}
