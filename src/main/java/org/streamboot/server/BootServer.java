package org.streamboot.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.boot.BootDirectory;
import org.streamboot.server.boot.BootPlan;
import org.streamboot.server.boot.BootScriptRoute;
import org.streamboot.server.boot.RegistrationPolicy;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.Ports;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.config.SettingsStore;
import org.streamboot.server.db.Database;
import org.streamboot.server.dhcp.DhcpService;
import org.streamboot.server.http.HttpRoutes;
import org.streamboot.server.live.BootEventWriter;
import org.streamboot.server.live.LiveHub;
import org.streamboot.server.model.BootEvent.Severity;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.http.HttpService;
import org.streamboot.server.iscsi.IscsiService;
import org.streamboot.server.nbd.NbdService;
import org.streamboot.server.net.EventLoops;
import org.streamboot.server.net.ServiceRunner;
import org.streamboot.server.net.ServiceState;
import org.streamboot.server.net.ServiceStatus;
import org.streamboot.server.tftp.TftpService;

/**
 * The server as one thing: its database, its services, its admin operations. This is the
 * only API the console and the CLI use. A service that cannot start is reported FAILED with
 * the reason and the others run anyway; the caller decides whether that is fatal.
 */
public final class BootServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BootServer.class);
    private static final int MENU_TIMEOUT_SECONDS = 5;
    private static final int RETRY_SECONDS = 10;

    private final ServerConfig config;
    private final Database database;
    private final AdminService admin;
    private final SettingsStore settings;
    private final LiveHub live;
    private final BootEventWriter eventWriter;
    private final ExecutorService blockingWork = Executors.newVirtualThreadPerTaskExecutor();
    private final List<ServiceRunner> runners;
    private EventLoops loops;
    private boolean closed;

    private BootServer(ServerConfig config, Database database, Clock clock) {
        this.config = config;
        this.database = database;
        this.admin = new AdminService(database, clock);
        this.settings = new SettingsStore(database);
        this.live = new LiveHub(clock);
        this.eventWriter = new BootEventWriter(live, database).start();
        this.runners = createRunners();
    }

    /** Opens the data directory's database (migrating it); starts nothing yet. */
    public static BootServer open(ServerConfig config) {
        return new BootServer(config, Database.open(config.dataDir()), Clock.systemUTC());
    }

    private List<ServiceRunner> createRunners() {
        Ports p = config.ports();
        BootScriptRoute scripts = new BootScriptRoute(new BootDirectory(admin),
                () -> settings.getEnum(RegistrationPolicy.SETTING, RegistrationPolicy.class, RegistrationPolicy.AUTO),
                () -> new BootScriptRoute.Ports(portOr("iSCSI", p.iscsi()), portOr("HTTP", p.http()), MENU_TIMEOUT_SECONDS,
                        RETRY_SECONDS), blockingWork,
                this::scriptServed);
        List<ServiceRunner> out = new ArrayList<>();
        out.add(new ServiceRunner(new DhcpService(p.dhcp(), p.pxe(), config.dhcpMode() == DhcpMode.PROXY)));
        out.add(new ServiceRunner(new TftpService(p.tftp())));
        out.add(new ServiceRunner(new HttpService(p.http(), HttpRoutes.firstOf(List.of(HttpRoutes.HEALTH, scripts)))));
        out.add(new ServiceRunner(new IscsiService(p.iscsi())));
        out.add(new ServiceRunner(new NbdService(p.nbd())));
        return List.copyOf(out);
    }

    /** The port a service really listens on (it differs from the setting when that is 0). */
    private int portOr(String serviceName, int configured) {
        for (ServiceRunner r : runners) {
            if (r.service().name().equals(serviceName) && r.status().state() == ServiceState.RUNNING) {
                return r.boundPort(0);
            }
        }
        return configured;
    }

    private void scriptServed(BootPlan plan) {
        String who = plan.name() == null ? plan.mac().value() : plan.name();
        switch (plan.status()) {
            case READY -> live.emit(plan.mac(), plan.targets().size() > 1 ? BootStage.MENU : BootStage.SCRIPT, Severity.INFO,
                    plan.targets().size() > 1 ? "boot menu sent with " + plan.targets().size() + " vDisks"
                            : "boot script sent: boots " + plan.targets().getFirst().vdiskName());
            case PENDING -> live.emit(plan.mac(), BootStage.SCRIPT, Severity.WARNING, who + " waits for approval");
            case NO_VDISK -> live.emit(plan.mac(), BootStage.FAILED, Severity.WARNING,
                    "no vDisk is assigned to " + who + " or its group");
            case REJECTED -> live.emit(plan.mac(), BootStage.FAILED, Severity.WARNING, who + " is rejected and may not boot");
            case UNKNOWN -> live.emit(plan.mac(), BootStage.FAILED, Severity.WARNING,
                    "unknown PC; registration policy admits only known PCs");
        }
    }

    /** Binds every enabled service and returns their statuses. */
    public synchronized List<ServiceStatus> start() {
        if (closed) {
            throw new IllegalStateException("server is closed");
        }
        if (loops == null) {
            loops = new EventLoops();
        }
        for (ServiceRunner runner : runners) {
            if (runner.service() instanceof DhcpService && config.dhcpMode() == DhcpMode.OFF) {
                runner.disable("DHCP is off (another server answers PXE clients)");
            } else if (runner.status().state() != ServiceState.RUNNING) {
                runner.start(loops, config.bindAddress());
            }
        }
        return services();
    }

    public List<ServiceStatus> services() {
        return runners.stream().map(ServiceRunner::status).toList();
    }

    /** The port a running service actually bound (its first socket); for tests that ask for port 0. */
    public int boundPort(String serviceName) {
        return portOr(serviceName, -1);
    }

    public ServerConfig config() {
        return config;
    }

    public SettingsStore settings() {
        return settings;
    }

    /** Live boot activity for the console; cheap to poll. */
    public LiveHub live() {
        return live;
    }

    public AdminService admin() {
        return admin;
    }

    public Database database() {
        return database;
    }

    /** Closes every socket; the database stays open. */
    public synchronized void stop() {
        for (ServiceRunner runner : runners) {
            runner.stop();
        }
        if (loops != null) {
            loops.close();
            loops = null;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        blockingWork.shutdown();
        eventWriter.close();
        database.close();
        closed = true;
        log.info("Streamboot stopped; database closed");
    }
}
