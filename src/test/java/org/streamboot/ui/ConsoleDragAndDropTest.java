package org.streamboot.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.BootServer;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.Views.GroupView;
import org.streamboot.server.admin.Views.VdiskView;
import org.streamboot.server.admin.Who;
import org.streamboot.server.model.VdiskMode;
import org.streamboot.ui.shell.ServerLifecycle;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every drag-and-drop path of the console against the real server and database: each drop is
 * checked in the database and on screen afterwards. Needs a display (Xvfb).
 */
@Timeout(120)
class ConsoleDragAndDropTest extends FxRobot {

    @TempDir
    Path temp;

    private final ConsoleFixture console = new ConsoleFixture();
    private AdminService admin;

    @BeforeEach
    void needsADisplay() {
        ConsoleFixture.assumeDisplay();
    }

    @AfterEach
    void tearDown() throws Exception {
        console.cleanUp();
    }

    private void open() throws Exception {
        Path dataDir = temp.resolve("data");
        ConsoleFixture.seed(dataDir, (a, db) -> {
            a.addGroup("lab-a");
            a.addGroup("lab-b");
            a.addClient("52:54:00:00:00:01", "pc-01", "lab-a", null);
            a.addClient("52:54:00:00:00:02", "pc-02", "lab-a", null);
            a.addClient("52:54:00:00:00:03", "pc-03", null, null);
            ConsoleFixture.insertVdisk(db, "win11", VdiskMode.STANDARD, 64 * ConsoleFixture.GIB);
            ConsoleFixture.insertVdisk(db, "teacher", VdiskMode.PRIVATE, 32 * ConsoleFixture.GIB);
            ConsoleFixture.insertVdisk(db, "ubuntu", VdiskMode.STANDARD, 24 * ConsoleFixture.GIB);
            a.assign(new Who.Client("pc-03"), "ubuntu", false);
        });
        ConsoleApp app = console.start(ConsoleFixture.loopback(dataDir, ConsoleFixture.ephemeralPorts()));
        // RUNNING comes just before the console is handed its actions; then drops are live.
        waitFor(() -> app.lifecycle().state() == ServerLifecycle.State.RUNNING && lookup("#card-pc-03").tryQuery().isPresent()
                && lookup("#chip-pc-03-ubuntu").tryQuery().isPresent());
        BootServer server = app.lifecycle().server().orElseThrow();
        admin = server.admin();
    }

    @Test
    void vdisksAndCardsLandWhereTheyAreDroppedAndRefusalsChangeNothing() throws Exception {
        open();

        // A vDisk onto one card: assigned to that client.
        drag(vdiskCell("win11")).dropTo("#card-pc-03");
        waitFor(() -> admin.client("pc-03").vdisks().contains("win11"));
        waitFor(() -> lookup("#chip-pc-03-win11").tryQuery().isPresent());
        assertThat(notificationTexts()).anyMatch(t -> t.equals("Assigned win11 to pc-03"));

        // A multi-selection: a drop on a selected card goes to every selected card.
        clickOn("#card-pc-01");
        press(KeyCode.CONTROL).clickOn("#card-pc-02").release(KeyCode.CONTROL);
        drag(vdiskCell("win11")).dropTo("#card-pc-02");
        waitFor(() -> admin.client("pc-01").vdisks().contains("win11") && admin.client("pc-02").vdisks().contains("win11"));
        waitFor(() -> lookup("#chip-pc-01-win11").tryQuery().isPresent() && lookup("#chip-pc-02-win11").tryQuery().isPresent());

        // Refused: a private-mode vDisk onto two clients. Nothing changes, and the reason is shown.
        drag(vdiskCell("teacher")).dropTo("#card-pc-01");
        waitFor(() -> notificationTexts().stream().anyMatch(t -> t.contains("private mode")));
        assertThat(notificationTexts()).contains("'teacher' is in private mode: it belongs to one client, not 2");
        assertThat(vdisk("teacher").assignedTo()).isEmpty();
        assertThat(lookup("#chip-pc-01-teacher").tryQuery()).isEmpty();

        // A vDisk onto a group: the group's default.
        drag(vdiskCell("ubuntu")).dropTo(groupCell("lab-b"));
        waitFor(() -> "ubuntu".equals(group("lab-b").defaultVdisk()));
        assertThat(group("lab-b").vdisks()).containsExactly("ubuntu");

        // A card onto a group: the client moves there (and gets the group's vDisks).
        clickOn("#card-pc-03");
        drag("#card-pc-03").dropTo(groupCell("lab-b"));
        waitFor(() -> "lab-b".equals(admin.client("pc-03").group()));
        waitFor(() -> lookup("#card-pc-03").queryAs(Node.class).lookupAll(".card-detail").stream()
                .anyMatch(n -> ((Label) n).getText().contains("lab-b")));

        // A chip dragged off its card: unassigned, with an Undo that gives it back.
        drag("#chip-pc-03-win11").dropTo("#services-bar");
        waitFor(() -> !admin.client("pc-03").vdisks().contains("win11"));
        waitFor(() -> lookup("#chip-pc-03-win11").tryQuery().isEmpty());
        waitFor(() -> notificationTexts().contains("Took win11 from pc-03"));
        clickOn(undoOf("Took win11 from pc-03"));
        waitFor(() -> admin.client("pc-03").vdisks().contains("win11"));
        waitFor(() -> lookup("#chip-pc-03-win11").tryQuery().isPresent());

        console.requestClose();
        assertThat(console.awaitExit(30)).isTrue();
    }

    @Test
    void anImageFileDroppedOnTheVdiskListIsImported() throws Exception {
        open();
        Path image = temp.resolve("lab-image.img");
        byte[] data = new byte[4 << 20];
        for (int i = 0; i < data.length; i += 4096) {
            data[i] = (byte) (i >> 12);
        }
        Files.write(image, data);
        Path notAnImage = Files.writeString(temp.resolve("readme.txt"), "not a disk");

        // What a file manager puts on the dragboard, from a window of our own.
        Stage files = FxToolkit.registerStage(Stage::new);
        FxToolkit.setupFixture(() -> {
            Label source = new Label("lab-image.img");
            source.setId("file-source");
            Label wrong = new Label("readme.txt");
            wrong.setId("wrong-source");
            wrong.setTranslateY(40);
            source.setOnDragDetected(e -> {
                ClipboardContent c = new ClipboardContent();
                c.putFiles(List.of(image.toFile()));
                source.startDragAndDrop(TransferMode.COPY).setContent(c);
            });
            wrong.setOnDragDetected(e -> {
                ClipboardContent c = new ClipboardContent();
                c.putFiles(List.of(notAnImage.toFile()));
                wrong.startDragAndDrop(TransferMode.COPY).setContent(c);
            });
            files.setScene(new Scene(new StackPane(source, wrong), 200, 120));
            files.setX(console.stage().getX() + 700);
            files.setY(console.stage().getY() + 300);
            files.show();
        });

        // A file that is no disk image is refused while it hovers, with the reason; dropping it does nothing.
        drag("#wrong-source").moveTo("#vdisks-list");
        waitFor(() -> lookup("#drop-hint").queryAs(Label.class).isVisible()
                && lookup("#drop-hint").queryAs(Label.class).getText().startsWith("readme.txt is not a disk image"));
        assertThat(lookup("#vdisks-list").query().getStyleClass()).contains("drop-refuse");
        drop();
        waitFor(() -> !lookup("#drop-hint").queryAs(Label.class).isVisible());
        assertThat(admin.vdisks()).extracting(VdiskView::name).containsExactlyInAnyOrder("win11", "teacher", "ubuntu");

        drag("#file-source").dropTo("#vdisks-list");
        waitFor(() -> admin.vdisks().stream().anyMatch(v -> v.name().equals("lab-image")));
        assertThat(vdisk("lab-image").sizeBytes()).isEqualTo(data.length);
        waitFor(() -> notificationTexts().contains("Imported lab-image.img as vDisk lab-image"));
        waitFor(() -> lookup(".sidebar-item-title").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals("lab-image")));
        FxToolkit.setupFixture(files::hide);

        console.requestClose();
        assertThat(console.awaitExit(30)).isTrue();
    }

    /** The Undo button of the notification saying {@code text} (earlier drops have theirs too). */
    private Node undoOf(String text) {
        return lookup(".notification").queryAll().stream()
                .filter(n -> n.lookupAll(".notification-text").stream().anyMatch(l -> ((Label) l).getText().equals(text)))
                .map(n -> n.lookup(".notification-action")).findFirst()
                .orElseThrow(() -> new AssertionError("no notification " + text));
    }

    private Node vdiskCell(String name) {
        return cell("#vdisks-list", name);
    }

    private Node groupCell(String name) {
        return cell("#groups-list", name);
    }

    private Node cell(String list, String title) {
        return lookup(list + " .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() != null && lines(c).contains("name=" + title + ",")).findFirst()
                .orElseThrow(() -> new AssertionError("no cell " + title + " in " + list));
    }

    private static String lines(ListCell<?> c) {
        return String.valueOf(c.getItem());
    }

    private List<String> notificationTexts() {
        return lookup(".notification-text").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    private VdiskView vdisk(String name) {
        return admin.vdisks().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private GroupView group(String name) {
        return admin.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    private void waitFor(Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.call();
            });
        } catch (TimeoutException e) {
            throw new AssertionError("timed out; notifications: " + notificationTexts(), e);
        }
    }
}
