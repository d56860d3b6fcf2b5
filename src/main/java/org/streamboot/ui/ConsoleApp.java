package org.streamboot.ui;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.streamboot.server.BootServer;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.ui.actions.ConsoleActions;
import org.streamboot.ui.shell.CoalescingDispatcher;
import org.streamboot.ui.shell.ConsoleShell;
import org.streamboot.ui.shell.ConsoleSnapshot;
import org.streamboot.ui.shell.ServerLifecycle;
import org.streamboot.ui.settings.SettingsAccess;
import org.streamboot.ui.theme.Theme;
import org.streamboot.ui.theme.ThemeSwitcher;
import org.streamboot.ui.theme.UiPreferences;

/**
 * The console window. The embedded server is opened, polled and closed by a
 * {@link ServerLifecycle} on background threads; this class only builds the window and moves
 * results onto the FX thread, one {@code runLater} per snapshot at most.
 */
public final class ConsoleApp extends Application {

    /** The stylesheet of semantic classes, on top of the AtlantaFX user-agent theme. */
    public static final String STYLESHEET = "/org/streamboot/ui/app.css";

    private static volatile ServerConfig launchConfig;
    private static volatile int launchDemoClients;
    private static volatile int exitCode;
    private static volatile CompletableFuture<Void> closing = CompletableFuture.completedFuture(null);
    private static volatile ServerLifecycle launched;

    private final ServerConfig config;
    private final int demoClients;
    private final Runnable exitAction;
    private ServerLifecycle lifecycle;
    private ConsoleShell shell;
    private boolean shuttingDown;
    private volatile Theme savedTheme = Theme.LIGHT;

    /** Used by {@link Application#launch}: the configuration comes from {@link #launchConsole}. */
    public ConsoleApp() {
        this(launchConfig, launchDemoClients, Platform::exit);
    }

    public ConsoleApp(ServerConfig config, Runnable exitAction) {
        this(config, 0, exitAction);
    }

    /**
     * @param demoClients how many simulated PCs to show next to the real ones (0: none)
     * @param exitAction what ends the application once the server is closed and the windows are
     *                   hidden: {@code Platform::exit} for real, something observable in tests
     *                   (which must keep the toolkit alive for the next test)
     */
    public ConsoleApp(ServerConfig config, int demoClients, Runnable exitAction) {
        this.config = Objects.requireNonNull(config, "config (launch through launchConsole)");
        this.demoClients = demoClients;
        this.exitAction = exitAction;
    }

    /** Opens the console for this configuration and returns when the window closes. */
    public static int launchConsole(ServerConfig serverConfig, String[] rawArgs) {
        return launchConsole(serverConfig, rawArgs, 0);
    }

    /** Opens the console with {@code demoClients} simulated PCs (see {@code --demo}). */
    public static int launchConsole(ServerConfig serverConfig, String[] rawArgs, int demoClients) {
        launchConfig = serverConfig;
        launchDemoClients = demoClients;
        exitCode = 0;
        // SIGTERM (logout, systemd, kill) skips the window's close path: close the server here
        // too, so sockets and the database are released cleanly.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("streamboot-console-shutdown").unstarted(() -> {
            ServerLifecycle l = launched;
            if (l != null) {
                l.close().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
        }));
        Application.launch(ConsoleApp.class);
        // The toolkit may end before the server has closed (e.g. a desktop session ending); wait
        // here, on the launcher's thread, so the database is closed cleanly before the JVM exits.
        try {
            closing.get(15, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        return exitCode;
    }

    /** Runs on the launcher thread, before {@link #start}: the one file read the window needs. */
    @Override
    public void init() {
        savedTheme = new UiPreferences(config.dataDir()).theme();
    }

    @Override
    public void start(Stage stage) {
        // One thread writes the preferences, so two quick toggles are saved in order.
        Executor prefsWriter = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("streamboot-console-prefs").daemon(true).factory());
        ThemeSwitcher themes = ThemeSwitcher.remembering(savedTheme, new UiPreferences(config.dataDir()), prefsWriter);
        themes.applyCurrent();
        shell = new ConsoleShell(config, ZoneId.systemDefault(), themes);
        Scene scene = new Scene(shell.root(), 1280, 760);
        shell.installShortcuts(scene);
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource(STYLESHEET), STYLESHEET)
                .toExternalForm());
        stage.setTitle(shell.windowTitle());
        stage.setMinWidth(900);
        stage.setMinHeight(540);
        stage.setScene(scene);
        stage.setOnCloseRequest(event -> {
            // Closing the server blocks on sockets and the database: keep the window until it is done.
            event.consume();
            shutdown();
        });
        stage.show();

        lifecycle = ServerLifecycle.standard(config, demoClients);
        if (config == launchConfig) {
            launched = lifecycle;
        }
        CoalescingDispatcher<ConsoleSnapshot> toScreen = new CoalescingDispatcher<>(Platform::runLater, shell::apply);
        lifecycle.open(new ServerLifecycle.Listener() {
            @Override
            public void opened(BootServer server) {
                // Built here, off the FX thread: the store only remembers where the data lives.
                ConsoleActions actions = ConsoleActions.forServer(server);
                SettingsAccess settings = SettingsAccess.forServer(server,
                        r -> Thread.ofVirtual().name("streamboot-console-settings").start(r));
                Platform.runLater(() -> {
                    shell.connect(actions);
                    shell.connectSettings(settings);
                });
            }

            @Override
            public void failed(String reason) {
                Platform.runLater(() -> showOpenFailure(stage, reason));
            }
        }, toScreen, error -> Platform.runLater(() -> shell.showRefreshProblem(String.valueOf(error.getMessage()))));
    }

    /** Package-private for tests and the benchmark: the window's content. */
    ConsoleShell shell() {
        return shell;
    }

    /** Package-private for tests: the server behind the window. */
    ServerLifecycle lifecycle() {
        return lifecycle;
    }

    private void showOpenFailure(Stage owner, String reason) {
        exitCode = 1;
        Alert alert = new Alert(Alert.AlertType.ERROR, reason + "\n\nCheck that the data directory is writable, or"
                + " choose another one with --data-dir.", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Streamboot");
        alert.setHeaderText("Streamboot cannot open its data directory");
        alert.getDialogPane().setId("open-failure");
        // Not showAndWait: the FX thread must keep running; the app ends when the dialog closes.
        alert.setOnHidden(e -> shutdown());
        alert.show();
    }

    private void shutdown() {
        if (shuttingDown) {
            return;
        }
        shuttingDown = true;
        shell.showStopping();
        shell.disconnect();
        closing = lifecycle.close();
        closing.whenComplete((ok, error) -> Platform.runLater(() -> {
            // Hiding every window first: exiting with a popup still open has crashed inside GTK.
            for (Window w : List.copyOf(Window.getWindows())) {
                w.hide();
            }
            exitAction.run();
        }));
    }

    @Override
    public void stop() {
        if (lifecycle != null) {
            closing = lifecycle.close();
        }
    }
}
