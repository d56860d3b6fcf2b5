package org.streamboot.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.streamboot.server.admin.AdminException;
import org.streamboot.server.db.DatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code streamboot} command. Without a subcommand it opens the console (or, with
 * {@code --headless}, serves like {@code serve}). Exit codes: 0 done, 1 could not run
 * (a port, the database), 2 bad input — in which case nothing was changed.
 */
@Command(name = "streamboot", mixinStandardHelpOptions = true, versionProvider = StreambootCli.Version.class,
        description = "Streams operating systems to diskless PCs: PXE/HTTP boot, iSCSI and NBD, with a live console.",
        subcommands = {ServeCommand.class, ClientCommand.class, GroupCommand.class, VdiskCommand.class,
                AssignCommand.Assign.class, AssignCommand.Unassign.class, SettingsCommand.class,
                CommandLine.HelpCommand.class})
public final class StreambootCli implements Callable<Integer> {

    public static final int EXIT_BAD_INPUT = 2;

    /** Opens the console; supplied by Main so that this package never touches JavaFX. */
    public interface ConsoleLauncher {
        /** @param demoClients how many simulated PCs the console runs next to the real ones (0: none) */
        int launch(org.streamboot.server.config.ServerConfig config, String[] rawArgs, int demoClients);
    }

    @Mixin
    ServerOptions options = new ServerOptions();

    @Option(names = "--headless", description = "Run the server without the console (same as 'serve')")
    boolean headless;

    @Option(names = "--demo", paramLabel = "N", description = "Show N simulated PCs booting in the console"
            + " (registered as demo-NN with locally administered MACs 02:5b:…), to try it without a lab")
    int demoClients;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final ConsoleLauncher console;
    private final String[] rawArgs;

    public StreambootCli(ConsoleLauncher console, String[] rawArgs) {
        this.console = console;
        this.rawArgs = rawArgs.clone();
    }

    @Override
    public Integer call() throws Exception {
        if (demoClients < 0 || demoClients > 4096) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--demo takes 0 to 4096 clients, not " + demoClients);
        }
        if (demoClients > 0 && headless) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--demo needs the console; it cannot run with --headless");
        }
        if (headless) {
            return new ServeCommand(options, spec).call();
        }
        return console.launch(options.toConfig(), rawArgs, demoClients);
    }

    /** Builds the command line with Streamboot's error handling; {@code execute(args)} runs it. */
    public static CommandLine commandLine(ConsoleLauncher console, String[] args) {
        CommandLine cl = new CommandLine(new StreambootCli(console, args));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof AdminException) {
                err.println("streamboot: " + ex.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof DatabaseException || ex instanceof org.streamboot.server.vdisk.ImportException) {
                err.println("streamboot: " + ex.getMessage());
                err.flush();
                return 1;
            }
            throw ex;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = StreambootCli.class.getPackage().getImplementationVersion();
            return new String[] {"streamboot " + (v == null ? "(development build)" : v)};
        }
    }
}
