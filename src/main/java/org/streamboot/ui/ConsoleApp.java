package org.streamboot.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.streamboot.server.config.ServerConfig;

/** The console window. */
public final class ConsoleApp extends Application {

    private static volatile ServerConfig config;

    /** Opens the console for this configuration and returns when the window closes. */
    public static int launchConsole(ServerConfig serverConfig, String[] rawArgs) {
        config = serverConfig;
        Application.launch(ConsoleApp.class);
        return 0;
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Streamboot");
        stage.setScene(new Scene(new Label("Streamboot: " + config.dataDir()), 800, 600));
        stage.show();
    }
}
