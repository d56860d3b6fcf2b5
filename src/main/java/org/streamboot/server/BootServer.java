package org.streamboot.server;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.ClientBootOptions;
import org.streamboot.server.boot.BlockTargetExports;
import org.streamboot.server.boot.DiskAttachEvents;
import org.streamboot.server.boot.BootDirectory;
import org.streamboot.server.boot.BootPolicy;
import org.streamboot.server.boot.BootScriptRoute;
import org.streamboot.server.boot.DatabaseLeaseStore;
import org.streamboot.server.boot.DhcpBootEvents;
import org.streamboot.server.boot.FirmwareBootPolicy;
import org.streamboot.server.boot.HostnamePolicy;
import org.streamboot.server.boot.UefiBinaryChoice;
import org.streamboot.server.boot.HttpFileEvents;
import org.streamboot.server.boot.IscsiTargets;
import org.streamboot.server.boot.RegistrationGate;
import org.streamboot.server.boot.RegistrationPolicy;
import org.streamboot.server.boot.TftpBootEvents;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.NetworkSettings;
import org.streamboot.server.config.Ports;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.config.Setting;
import org.streamboot.server.config.SettingsStore;
import org.streamboot.server.db.Database;
import org.streamboot.server.dhcp.DhcpService;
import org.streamboot.server.dhcp.DhcpSettings;
import org.streamboot.server.files.FileSource;
import org.streamboot.server.files.IpxeBinaries;
import org.streamboot.server.files.JailedDirectory;
import org.streamboot.server.files.LayeredFileSource;
import org.streamboot.server.http.HttpRoutes;
import org.streamboot.server.http.HttpService;
import org.streamboot.server.http.StaticFiles;
import org.streamboot.server.iscsi.IscsiService;
import org.streamboot.server.live.BootEventWriter;
import org.streamboot.server.live.ClientAddresses;
import org.streamboot.server.live.LiveHub;
import org.streamboot.server.nbd.NbdService;
import org.streamboot.server.net.EventLoops;
import org.streamboot.server.net.ServiceRunner;
import org.streamboot.server.net.ServiceState;
import org.streamboot.server.net.ServiceStatus;
import org.streamboot.server.net.ipv6.RouterAdvertisers;
import org.streamboot.server.tftp.TftpService;
import org.streamboot.server.block.ReadCache;
import org.streamboot.server.vdisk.VdiskLayout;
import org.streamboot.server.vdisk.VdiskSessions;

/**
 * The server as one thing: its database, its services, its admin operations. This is the
 * only API the console and the CLI use. A service that cannot start is reported FAILED with
 * the reason and the others run anyway; the caller decides whether that is fatal.
 *
 * <p>Services start in dependency order: HTTP, iSCSI and NBD first, then TFTP, then DHCP, whose
 * answers name the ports the others really bound (they differ from the settings when a
 * setting is 0).
 */
public final class BootServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BootServer.class);
    private static final int MENU_TIMEOUT_SECONDS = 5;
    private static final int RETRY_SECONDS = 10;
    private static final String UEFI_BINARY_SETTING = Setting.UEFI_BINARY.key;
    private static final String READ_CACHE_SETTING = Setting.READ_CACHE_BYTES.key;
    private static final String WRITE_CACHE_QUOTA_SETTING = Setting.WRITE_CACHE_QUOTA_BYTES.key;
    private static final long DEFAULT_WRITE_CACHE_QUOTA = Long.parseLong(Setting.WRITE_CACHE_QUOTA_BYTES.defaultValue);

    /** What the server runs with now: the network part changes when the admin applies new settings. */
    private volatile ServerConfig config;
    /** As opened, before the stored settings: what a setting returned to its default falls back to. */
    private final ServerConfig launchConfig;
    private final Database database;
    private final AdminService admin;
    private final ClientBootOptions clientBootOptions;
    private final SettingsStore settings;
    private final LiveHub live;
    private final ClientAddresses addresses = new ClientAddresses();
    private final BootEventWriter eventWriter;
    private final ExecutorService blockingWork = Executors.newVirtualThreadPerTaskExecutor();
    private final ReadCache readCache;
    private final VdiskSessions sessions;
    private final BootFiles bootFiles;
    private final ServiceRunner http;
    private final ServiceRunner iscsi;
    private final ServiceRunner nbd;
    private volatile ServiceRunner tftp;
    private volatile ServiceRunner dhcp;
    private EventLoops loops;
    private RouterAdvertisers advertisers;
    private boolean closed;

    private BootServer(ServerConfig config, Database database, Clock clock) {
        this.database = database;
        this.admin = new AdminService(database, clock);
        this.clientBootOptions = new ClientBootOptions(database, admin);
        this.settings = new SettingsStore(database);
        this.launchConfig = config;
        this.config = NetworkSettings.resolve(config, settings);
        this.live = new LiveHub(clock);
        this.eventWriter = new BootEventWriter(live, database).start();
        Ports p = this.config.ports(); // the stored port settings applied
        this.readCache = new ReadCache(settings.getLong(READ_CACHE_SETTING, defaultReadCacheBytes()), 64 * 1024, 2);
        this.sessions = new VdiskSessions(database, new VdiskLayout(config.dataDir()), readCache,
                settings.getLong(WRITE_CACHE_QUOTA_SETTING, DEFAULT_WRITE_CACHE_QUOTA));
        BootEvents events = new BootEvents(live, addresses, sessions, admin);
        BootScriptRoute scripts = new BootScriptRoute(new BootDirectory(admin),
                this::registrationPolicy,
                () -> new BootScriptRoute.Ports(iscsiPortNow(), httpPortNow(), MENU_TIMEOUT_SECONDS,
                        RETRY_SECONDS), blockingWork, events::scriptServed);
        DiskAttachEvents attachEvents = new DiskAttachEvents(live, admin, addresses);
        BlockTargetExports exports = new BlockTargetExports(sessions, admin, addresses, attachEvents);
        this.bootFiles = bootFiles(this.config);
        // UEFI HTTP boot firmware is sent to http://SERVER:PORT/ipxe.efi (FirmwareBootPolicy).
        StaticFiles httpFiles = new StaticFiles(bootFiles.source(), Set.of(FirmwareBootPolicy.UefiBinary.IPXE_EFI.fileName(),
                FirmwareBootPolicy.UefiBinary.SNPONLY_EFI.fileName()), new HttpFileEvents(live, addresses));
        this.http = new ServiceRunner(new HttpService(p.http(), HttpRoutes.firstOf(List.of(HttpRoutes.HEALTH, scripts)),
                exports.httpDisks(), httpFiles));
        this.http.warn(bootFiles.warning());
        this.iscsi = new ServiceRunner(new IscsiService(p.iscsi(), new IscsiTargets(sessions, admin::chapSecretFor, attachEvents)));
        this.nbd = new ServiceRunner(new NbdService(p.nbd(), exports));
        this.tftp = ServiceRunner.notYetStarted("TFTP");
        this.dhcp = ServiceRunner.notYetStarted("DHCP");
    }

    /** A quarter of the heap, at most 2 GiB: boot sets of a few vDisks fit, the console keeps room. */
    private static long defaultReadCacheBytes() {
        return Math.min(2L << 30, Runtime.getRuntime().maxMemory() / 4);
    }

    /** Opens the data directory's database (migrating it); starts nothing yet. */
    public static BootServer open(ServerConfig config) {
        return new BootServer(config, Database.open(config.dataDir()), Clock.systemUTC());
    }

    /** Binds every enabled service and returns their statuses. */
    public synchronized List<ServiceStatus> start() {
        if (closed) {
            throw new IllegalStateException("server is closed");
        }
        if (loops == null) {
            loops = new EventLoops();
        }
        for (ServiceRunner r : List.of(http, iscsi, nbd)) {
            startIfNeeded(r);
        }
        if (tftp.status().state() != ServiceState.RUNNING) {
            tftp = tftpRunner();
            startIfNeeded(tftp);
        }
        if (dhcp.status().state() != ServiceState.RUNNING) {
            dhcp = dhcpRunner();
            startIfNeeded(dhcp);
        }
        if (advertisers == null) {
            advertisers = RouterAdvertisers.start(config.ipv6Advertising(), config.bindAddress(), config.network().serverAddress());
        }
        blockingWork.execute(sessions::prefetchAll); // boot sets into RAM ahead of the first PC
        return services();
    }

    private void startIfNeeded(ServiceRunner r) {
        ServiceState s = r.status().state();
        if (s == ServiceState.STOPPED) {
            r.start(loops, config.bindAddress());
        }
    }

    /** The files TFTP and HTTP serve, and what is wrong with them ("" when nothing is). */
    private record BootFiles(FileSource source, String warning) {
    }

    /** iPXE binaries from the system, overlaid by files the admin puts into DATA/tftp. */
    private static BootFiles bootFiles(ServerConfig config) {
        List<FileSource> layers = new ArrayList<>();
        java.nio.file.Path own = config.dataDir().resolve("tftp");
        String warning = "";
        try {
            Files.createDirectories(own);
            layers.add(new JailedDirectory(own));
        } catch (Exception e) {
            warning = "cannot use " + own + ": " + e.getMessage();
        }
        try {
            layers.add(IpxeBinaries.fileSource(config.ipxeDir()));
        } catch (IpxeBinaries.Missing e) {
            warning = e.getMessage();
        }
        return new BootFiles(layers.isEmpty() ? FileSource.empty(warning) : new LayeredFileSource(layers), warning);
    }

    private ServiceRunner tftpRunner() {
        ServiceRunner r = new ServiceRunner(new TftpService(config.ports().tftp(), bootFiles.source(), new TftpBootEvents(live, addresses)));
        r.warn(bootFiles.warning());
        return r;
    }

    private ServiceRunner dhcpRunner() {
        if (config.dhcpMode() == DhcpMode.OFF) {
            ServiceRunner off = ServiceRunner.notYetStarted("DHCP");
            off.disable("DHCP is off (another server answers PXE clients)");
            return off;
        }
        int httpPort = httpPortNow();
        DhcpSettings dhcpSettings;
        try {
            dhcpSettings = config.network().settingsFor(config.dhcpMode(), httpPort);
        } catch (IllegalArgumentException e) {
            ServiceRunner failed = ServiceRunner.notYetStarted("DHCP");
            failed.fail(e.getMessage());
            return failed;
        }
        UefiBinaryChoice uefi = new UefiBinaryChoice(clientBootOptions::uefiBinaryFor, () -> settings.get(UEFI_BINARY_SETTING));
        BootPolicy policy = new HostnamePolicy(new RegistrationGate(new FirmwareBootPolicy(httpPort, uefi),
                this::registrationPolicy, admin), admin);
        return new ServiceRunner(new DhcpService(dhcpSettings, policy,
                new DatabaseLeaseStore(database), new DhcpBootEvents(live, admin, addresses),
                config.ports().dhcp(), config.ports().pxe()));
    }

    /** Read per request, so that a change made in the console or the CLI applies at once. */
    private RegistrationPolicy registrationPolicy() {
        return RegistrationPolicy.fromSetting(settings.get(RegistrationPolicy.SETTING));
    }

    private int httpPortNow() {
        return portOf(http, config.ports().http());
    }

    private int iscsiPortNow() {
        return portOf(iscsi, config.ports().iscsi());
    }

    /** The port a service really listens on (it differs from the setting when that is 0). */
    private static int portOf(ServiceRunner r, int configured) {
        return r != null && r.status().state() == ServiceState.RUNNING ? r.boundPort(0) : configured;
    }

    /** In the order an admin reads them: DHCP, TFTP, HTTP, iSCSI, NBD. */
    public List<ServiceStatus> services() {
        return List.of(dhcp.status(), tftp.status(), http.status(), iscsi.status(), nbd.status());
    }

    /** The port a running service actually bound (its first socket), or -1; for tests that ask for port 0. */
    public int boundPort(String serviceName) {
        for (ServiceRunner r : List.of(dhcp, tftp, http, iscsi, nbd)) {
            if (r.status().name().equals(serviceName)) {
                return portOf(r, -1);
            }
        }
        throw new IllegalArgumentException("no service " + serviceName);
    }

    public ServerConfig config() {
        return config;
    }

    /** What applying the stored network settings did. */
    public record NetworkApplied(boolean dhcpRestarted, boolean restartNeeded) {
    }

    /**
     * Applies the stored network settings to the running server: a new DHCP mode or range
     * restarts DHCP at once; a new listen address would rebind every service, so it waits for
     * the next start (the running services keep the address they have).
     */
    public synchronized NetworkApplied applyNetworkSettings() {
        ServerConfig wanted = NetworkSettings.resolve(launchConfig, settings);
        boolean restartNeeded = !wanted.bindAddress().equals(config.bindAddress());
        boolean dhcpChanged = wanted.dhcpMode() != config.dhcpMode() || !wanted.network().equals(config.network());
        if (!dhcpChanged) {
            return new NetworkApplied(false, restartNeeded);
        }
        config = config.running(config.bindAddress(), wanted.dhcpMode(), wanted.network());
        if (loops == null || closed) {
            return new NetworkApplied(false, restartNeeded); // not serving: start() uses the new values
        }
        dhcp.stop();
        dhcp = dhcpRunner();
        startIfNeeded(dhcp);
        log.info("DHCP restarted in {} mode", config.dhcpMode().name().toLowerCase());
        return new NetworkApplied(true, restartNeeded);
    }

    public SettingsStore settings() {
        return settings;
    }

    /** Live boot activity for the console; cheap to poll. */
    public LiveHub live() {
        return live;
    }

    /** Opens client views of vDisks for the block targets; also the per-client disk activity. */
    public VdiskSessions sessions() {
        return sessions;
    }

    public ReadCache readCache() {
        return readCache;
    }

    public AdminService admin() {
        return admin;
    }

    /** Per-PC address reservations and UEFI iPXE builds. */
    public ClientBootOptions clientBootOptions() {
        return clientBootOptions;
    }

    public Database database() {
        return database;
    }

    /** Closes every socket; the database stays open. */
    public synchronized void stop() {
        for (ServiceRunner r : List.of(dhcp, tftp, http, iscsi, nbd)) {
            r.stop();
        }
        if (advertisers != null) {
            advertisers.close();
            advertisers = null;
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
        sessions.close();
        readCache.close();
        eventWriter.close();
        database.close();
        closed = true;
        log.info("Streamboot stopped; database closed");
    }
}
