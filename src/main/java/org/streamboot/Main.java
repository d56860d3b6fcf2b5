package org.streamboot;

import org.streamboot.cli.StreambootCli;
import org.streamboot.ui.ConsoleApp;

/**
 * Entry point. {@code streamboot} alone opens the console; {@code streamboot serve} (or
 * {@code --headless}) runs the server without a screen; the other subcommands administer the
 * data directory. See {@code streamboot --help}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // A lambda, not a method reference: JavaFX is loaded only when the console opens, so
        // `serve` and the admin commands never touch it.
        int code = StreambootCli.commandLine((config, raw, demo) -> ConsoleApp.launchConsole(config, raw, demo), args).execute(args);
        System.exit(code);
    }
}
