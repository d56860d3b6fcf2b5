package org.streamboot.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streamboot.server.BootServer;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;
import org.streamboot.ui.detail.BlockMapModel;

/** The live view: stages moving on the cards, the detail's timeline, and the block map following real reads. */
@Timeout(120)
class ConsoleLiveViewTest extends ConsoleTestBase {

    @Test
    void simulatedClientsAppearAndMoveThroughTheStages() throws Exception {
        console.start(ConsoleFixture.loopback(temp.resolve("data"), ConsoleFixture.ephemeralPorts()), 6);
        waitFor(() -> lookup(".client-card").queryAll().size() == 6);
        assertThat(cardDetails("#card-demo-01")).contains("02:5b:00:00:00:00");

        Set<String> seen = new HashSet<>();
        waitFor(() -> {
            lookup(".client-card .stage-badge").queryAllAs(Label.class).forEach(l -> seen.add(l.getText()));
            return seen.containsAll(List.of("DHCP", "Streaming"));
        });

        // The detail of a card that has booted: its stage and a timeline of what happened.
        String booted = lookup(".client-card").queryAll().stream()
                .filter(n -> !n.lookup(".card-frame").getStyleClass().contains("stage-off")).findFirst().orElseThrow().getId();
        // The stage colour lives on the frame and the badge, never on the card's root: a class
        // there restyles the whole card at every stage change (docs/benchmarks.md).
        for (Node card : lookup(".client-card").queryAll()) {
            assertThat(card.getStyleClass()).noneMatch(c -> c.startsWith("stage-"));
        }
        clickOn("#" + booted);
        waitFor(() -> lookup("#detail-timeline").tryQuery().isPresent()
                && !lookup("#detail-timeline").queryAs(ListView.class).getItems().isEmpty());
        assertThat(lookup("#detail-name").queryAs(Label.class).getText()).isEqualTo(booted.substring("card-".length()));
        assertThat(lookup("#detail-mac").queryAs(Label.class).getText()).startsWith("02:5b:");

        console.requestClose();
        assertThat(console.awaitExit(30)).isTrue();
    }

    @Test
    void theBlockMapFollowsWhatTheClientReadsAndWrites() throws Exception {
        ConsoleApp app = consoleWithPc01OnWin11();
        BootServer server = app.lifecycle().server().orElseThrow();
        server.live().emit(MacAddress.parse("52:54:00:00:00:01"), BootStage.STREAMING, BootEvent.Severity.INFO,
                "streaming the boot set");

        try (BlockDevice disk = server.sessions().openForClient("pc-01", "win11")) {
            clickOn("#card-pc-01");
            waitFor(() -> cells().length > 0);
            assertThat(cells()).containsOnly(BlockMapModel.NONE);
            assertThat(lookup("#detail-stage").queryAs(Label.class).getText()).isEqualTo("Streaming");

            disk.read(0, ByteBuffer.allocate(4 << 20));
            waitFor(() -> cells()[0] == BlockMapModel.READ);
            assertThat(cells()).doesNotContain(BlockMapModel.WRITTEN, BlockMapModel.CACHED);
            // Another reader of the same vDisk brings the end of the disk into the shared read
            // cache: ready in RAM for pc-01, which has not read it.
            try (BlockDevice shared = server.sessions().openReadOnly("win11")) {
                shared.read((64L << 20) - (4 << 20), ByteBuffer.allocate(4 << 20));
            }
            waitFor(() -> cells()[cells().length - 1] == BlockMapModel.CACHED);
            assertThat(cells()[0]).isEqualTo(BlockMapModel.READ);

            disk.write(32L << 20, ByteBuffer.allocate(1 << 20));
            waitFor(() -> contains(cells(), BlockMapModel.WRITTEN));
            assertThat(lookup("#card-pc-01 .card-throughput").queryAs(Label.class).getText()).startsWith("↓ ");
        }
        console.requestClose();
        assertThat(console.awaitExit(30)).isTrue();
    }

    private byte[] cells() {
        Object drawn = lookup("#block-map").queryAs(Node.class).getUserData();
        return drawn == null ? new byte[0] : (byte[]) drawn;
    }

    private static boolean contains(byte[] cells, byte state) {
        for (byte b : cells) {
            if (b == state) {
                return true;
            }
        }
        return false;
    }

    private List<String> cardDetails(String card) {
        return lookup(card + " .card-detail").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }
}
