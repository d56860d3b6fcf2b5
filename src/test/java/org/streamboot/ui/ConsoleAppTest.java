package org.streamboot.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streamboot.server.BootServer;
import org.streamboot.server.admin.Who;
import org.streamboot.server.config.Ports;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.ui.clients.ClientRow;
import org.streamboot.ui.shell.ServerLifecycle;
import org.streamboot.ui.sidebar.VdiskRow;

/** The real console window against the real embedded server, on loopback. Needs a display (Xvfb). */
@Timeout(90)
class ConsoleAppTest extends ConsoleTestBase {

    private static final String ADDRESS = "127\\.0\\.0\\.1:\\d+/(udp|tcp)(, :\\d+/(udp|tcp))*";

    @Test
    void showsServicesClientsAndVdisksAndClosesTheServer() throws Exception {
        Path dataDir = temp.resolve("data");
        ConsoleFixture.seed(dataDir, (admin, db) -> {
            admin.addGroup("lab-a");
            admin.addClient("52:54:00:00:00:01", "pc-01", "lab-a", null);
            admin.addClient("52:54:00:00:00:02", "pc-02", null, null);
            ConsoleFixture.insertVdisk(db, "win11", VdiskMode.STANDARD, 64 * ConsoleFixture.GIB);
            admin.assign(new Who.Group("lab-a"), "win11", false);
        });
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Ports ports = new Ports(0, 0, 0, 0, squatter.getLocalPort(), 0);
            ConsoleApp app = console.start(ConsoleFixture.loopback(dataDir, ports));

            waitFor(() -> text("#service-iscsi-detail").contains("already in use"));
            assertThat(text("#service-iscsi-detail"))
                    .isEqualTo("port " + squatter.getLocalPort() + "/tcp is already in use by another program, perhaps a second Streamboot");
            assertThat(text("#service-iscsi-tag")).isEqualTo("FAILED");
            assertThat(lookup("#service-iscsi").query().getStyleClass()).contains("service-failed");
            for (String running : List.of("dhcp", "tftp", "http", "nbd")) {
                assertThat(text("#service-" + running + "-detail")).as(running).matches(ADDRESS);
                assertThat(lookup("#service-" + running).query().getStyleClass()).contains("service-running");
            }

            clickOn("#show-table"); // the table is filled while it is shown
            waitFor(() -> clientRows().size() == 2);
            assertThat(clientRows()).extracting(ClientRow::name, ClientRow::group, ClientRow::vdisks)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("pc-01", "lab-a", "win11"),
                            org.assertj.core.groups.Tuple.tuple("pc-02", "—", "none"));
            assertThat(text("#clients-title")).isEqualTo("Clients (2)");
            ListView<VdiskRow> vdisks = lookup("#vdisks-list").queryListView();
            assertThat(vdisks.getItems()).containsExactly(new VdiskRow("win11", "standard", "64 GiB", "group lab-a"));
            assertThat(lookup(".sidebar-item-title").queryAllAs(Label.class)).extracting(Label::getText)
                    .contains("lab-a", "win11");
            assertThat(lookup(".sidebar-item-detail").queryAllAs(Label.class)).extracting(Label::getText)
                    .contains("1 client · win11", "standard · 64 GiB · group lab-a");
            assertThat(console.stage().getTitle()).isEqualTo("Streamboot — " + dataDir);
            assertThat(text("#status-dhcp")).startsWith("DHCP: proxyDHCP");
            assertThat(text("#status-summary")).isEqualTo("4 of 5 services running; failed: iSCSI");

            // A change made behind the console's back (as the CLI would) shows up on the next poll.
            BootServer server = app.lifecycle().server().orElseThrow();
            server.admin().addClient("52:54:00:00:00:03", "pc-03", "lab-a", null);
            waitFor(() -> clientRows().size() == 3);
            assertThat(text("#clients-title")).isEqualTo("Clients (3)");

            console.requestClose();
            assertThat(console.awaitExit(30)).as("console exited").isTrue();
            assertThat(server.database().isClosed()).isTrue();
            assertThat(app.lifecycle().state()).isEqualTo(ServerLifecycle.State.STOPPED);
            assertThat(console.stage().isShowing()).isFalse();
        }
    }

    @Test
    void withoutClientsTheTableExplainsHowToAddOne() throws Exception {
        Path dataDir = temp.resolve("empty");
        console.start(ConsoleFixture.loopback(dataDir, ConsoleFixture.ephemeralPorts()));
        waitFor(() -> text("#status-summary").equals("All 5 services running"));
        Node hint = lookup("#clients-empty-hint").query();
        assertThat(hint.isVisible()).isTrue();
        assertThat(((Label) hint).getText()).contains("streamboot client add --mac");
        assertThat(text("#clients-title")).isEqualTo("Clients (0)");
        console.requestClose();
        assertThat(console.awaitExit(30)).isTrue();
    }

    @Test
    void anUnusableDataDirectoryShowsAnErrorAndExits() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        ConsoleApp app = console.start(ConsoleFixture.loopback(file.resolve("data"), ConsoleFixture.ephemeralPorts()));
        waitFor(() -> lookup("#open-failure").tryQuery().isPresent());
        DialogPane dialog = lookup("#open-failure").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("Streamboot cannot open its data directory");
        assertThat(dialog.getContentText()).contains("cannot create the data directory").contains("--data-dir");
        clickOn("Close");
        assertThat(console.awaitExit(30)).as("console exited").isTrue();
        assertThat(app.lifecycle().state()).isEqualTo(ServerLifecycle.State.STOPPED);
    }

    private List<ClientRow> clientRows() {
        TableView<ClientRow> table = lookup("#clients-table").queryTableView();
        return List.copyOf(table.getItems());
    }

    private String text(String query) {
        return lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
