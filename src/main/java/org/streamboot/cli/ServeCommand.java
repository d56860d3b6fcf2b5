package org.streamboot.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.BootServer;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.net.ServiceState;
import org.streamboot.server.net.ServiceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code streamboot serve}: every service, no screen. Unlike the console, a headless server
 * that cannot bind one of its ports stops with a non-zero exit: a service manager or a script
 * should notice, not run half a server.
 */
@Command(name = "serve", description = "Run the boot server without a screen (DHCP, TFTP, HTTP, iSCSI, NBD).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    static final int EXIT_CANNOT_START = 1;

    @Mixin
    ServerOptions options = new ServerOptions();

    @Spec
    CommandSpec spec;

    ServeCommand() {
    }

    ServeCommand(ServerOptions options, CommandSpec spec) {
        this.options = options;
        this.spec = spec;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = options.toConfig();
        ShutdownSignal signal = new ShutdownSignal();
        try (BootServer server = BootServer.open(config)) {
            log.info("Streamboot serving data directory {} (DHCP mode: {})", config.dataDir(),
                    server.config().dhcpMode().name().toLowerCase());
            List<ServiceStatus> statuses = server.start();
            List<ServiceStatus> failed = statuses.stream().filter(s -> s.state() == ServiceState.FAILED).toList();
            if (!failed.isEmpty()) {
                var err = spec.commandLine().getErr();
                for (ServiceStatus s : failed) {
                    err.println("streamboot: " + s.name() + " cannot start: " + s.problem());
                }
                err.flush();
                return EXIT_CANNOT_START;
            }
            log.info("Streamboot is ready; stop it with SIGTERM or Ctrl+C");
            String why = signal.await();
            log.info("{} received; stopping", why);
        }
        return 0;
    }
}
