package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.streamboot.server.config.SettingsStore;
import org.streamboot.server.db.Database;
import org.streamboot.testing.ServerProcess;

/**
 * The end-to-end rig, one per test: a private network segment ({@link BootNetwork}),
 * Streamboot's real {@code serve} command in a child JVM inside the namespace on the default ports (67, 4011, 69, 8080, 3260), the data directory prepared
 * with the real admin CLI, and emulated PCs. Everything it made is removed after the test,
 * also when the test failed; a failed test first gets the serial logs, the server's output
 * and the recorded boot events printed.
 */
final class BootRig implements BeforeEachCallback, AfterEachCallback {

    static final Duration SERVER_START = Duration.ofSeconds(40);
    private static final Duration CLI = Duration.ofSeconds(60);

    private Path work;
    private BootNetwork network;
    private final List<BackgroundProgram> helpers = new ArrayList<>();
    private final List<QemuPc> pcs = new ArrayList<>();
    private ServerProcess server;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        requireHost();
        work = Files.createTempDirectory("streamboot-e2e");
    }

    /** Skips the test, saying why, on a machine that cannot run it. */
    static void requireHost() {
        assumeTrue("root".equals(System.getProperty("user.name")), "end-to-end boots need root (network namespaces, taps, port 67)");
        for (String[] tool : new String[][] {{"ip", "iproute2"}, {"qemu-system-x86_64", "qemu-system-x86"},
                {"as", "binutils"}, {"objcopy", "binutils"}}) {
            assumeTrue(HostCommand.onPath(tool[0]), tool[0] + " is missing (apt-get install " + tool[1] + ")");
        }
        assumeTrue(Files.exists(Path.of("/usr/lib/ipxe/qemu/pxe-virtio.rom")),
                "QEMU's iPXE ROM /usr/lib/ipxe/qemu/pxe-virtio.rom is missing (apt-get install ipxe-qemu)");
        assumeTrue(Files.exists(Path.of("target/runtime-classpath.txt")), "target/runtime-classpath.txt is missing: run through Maven");
    }

    /** For the Linux image: the tools that build it. */
    static void requireLinuxImageTools() {
        for (String[] tool : new String[][] {{"mkfs.vfat", "dosfstools"}, {"syslinux", "syslinux"}, {"mcopy", "mtools"},
                {"apt-get", "apt"}, {"dpkg-deb", "dpkg"}}) {
            assumeTrue(HostCommand.onPath(tool[0]), tool[0] + " is missing (apt-get install " + tool[1] + ")");
        }
    }

    Path work() {
        return work;
    }

    Path dataDir() {
        return work.resolve("data");
    }

    /** Runs an admin command ({@code client add ...}) on the data directory, as an admin would; returns its output. */
    String cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--data-dir", dataDir().toString()));
        try (ServerProcess admin = ServerProcess.start(command.toArray(String[]::new))) {
            int exit = admin.awaitExit(CLI);
            assertThat(exit).as("streamboot %s:\n%s", String.join(" ", args), admin.output()).isZero();
            return admin.output();
        }
    }

    /** Writes a setting that has no CLI command yet, through the server's own settings store (server not running). */
    void setting(String key, String value) {
        try (Database db = Database.open(dataDir())) {
            new SettingsStore(db).put(key, value);
        }
    }

    /**
     * Creates the namespace and starts {@code streamboot serve ARGS} in it. The server, running as
     * root there, sends the IPv6 router advertisements that spare iPXE its IPv6 wait on the
     * bridge by itself, unless ARGS say {@code --ipv6-ra off}.
     */
    void startServer(String... serveArgs) throws Exception {
        network = BootNetwork.create();
        List<String> args = new ArrayList<>(List.of("serve", "--data-dir", dataDir().toString()));
        args.addAll(List.of(serveArgs));
        server = ServerProcess.start(network.exec(), Map.of(), args.toArray(String[]::new));
        server.awaitLine("Streamboot is ready", SERVER_START);
    }

    /** The office router of proxy mode: busybox udhcpd in a namespace of its own on the same segment. */
    void startOfficeDhcp() throws Exception {
        assumeTrue(HostCommand.onPath("busybox"), "busybox is missing (apt-get install busybox)");
        String ns = network.addRouterNamespace();
        Path conf = work.resolve("udhcpd.conf");
        Files.writeString(conf, String.join("\n", "start 10.213.0.50", "end 10.213.0.60", "interface r0",
                "lease_file " + work.resolve("udhcpd.leases"), "pidfile " + work.resolve("udhcpd.pid"),
                "option subnet 255.255.255.0", "option router " + BootNetwork.ROUTER_IP, "option lease 600", ""));
        Files.createFile(work.resolve("udhcpd.leases"));
        List<String> command = new ArrayList<>(BootNetwork.exec(ns));
        command.addAll(List.of("busybox", "udhcpd", "-f", conf.toString()));
        BackgroundProgram udhcpd = new BackgroundProgram("office DHCP server (udhcpd)", command, work.resolve("udhcpd.log"));
        helpers.add(udhcpd);
        Thread.sleep(300);
        udhcpd.requireAlive();
    }

    /** Powers on a diskless PC with {@code mac} on the segment. */
    QemuPc bootPc(String mac) throws IOException, InterruptedException {
        return bootPc(mac, "virtio-net-pci");
    }

    /** Powers on a diskless PC with {@code mac} and a NIC of QEMU model {@code nic}. */
    QemuPc bootPc(String mac, String nic) throws IOException, InterruptedException {
        QemuPc pc = QemuPc.networkBoot(network.name(), network.tap(pcs.size()), mac, nic);
        pcs.add(pc);
        return pc;
    }

    /** Powers on a UEFI PC (OVMF) with {@code mac}; each gets a fresh copy of OVMF's variable store. */
    QemuPc bootUefiPc(String mac) throws IOException, InterruptedException {
        Path vars = work.resolve("OVMF_VARS-" + pcs.size() + ".fd");
        Files.copy(OVMF_VARS, vars);
        QemuPc pc = QemuPc.uefiNetworkBoot(network.name(), network.tap(pcs.size()), mac, OVMF_CODE, vars);
        pcs.add(pc);
        return pc;
    }

    static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");

    /** For UEFI PCs: OVMF. */
    static void requireOvmf() {
        assumeTrue(Files.exists(OVMF_CODE) && Files.exists(OVMF_VARS), "OVMF is missing (apt-get install ovmf)");
    }

    /** A PC that boots a local disk image, for checking an image without the network. */
    QemuPc bootLocal(Path image) throws IOException {
        QemuPc pc = QemuPc.localDisk(image);
        pcs.add(pc);
        return pc;
    }

    BootEventLog events() {
        return new BootEventLog(dataDir());
    }

    ServerProcess server() {
        return server;
    }

    /** Prints a marker's timing in one greppable form: "E2E TIMING scenario marker seconds". */
    static void timing(String scenario, String marker, SerialTranscript.Marker m) {
        System.out.printf("E2E TIMING %s %s %.2f s%n", scenario, marker, m.after().toMillis() / 1000.0);
    }

    /** Prints when the server saw each stage of one PC's boot: "E2E STAGES scenario DHCP+0.00 SCRIPT+0.21 ...". */
    static void stageTimes(String scenario, List<BootEventLog.Event> events) {
        System.out.println("E2E STAGES " + scenario + " " + BootEventLog.stageOffsets(events));
        // A boot that worked should show no failure on the PC's card; name any, so the table can be checked.
        events.stream().filter(e -> !e.severity().equals("INFO"))
                .forEach(e -> System.out.println("E2E NOTICE " + scenario + " " + e.stage() + " " + e.detail()));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (context.getExecutionException().isPresent()) {
                System.err.println(diagnostics(context.getDisplayName()));
            }
        } finally {
            cleanUp();
        }
    }

    private String diagnostics(String test) {
        StringBuilder out = new StringBuilder("\n===== end-to-end diagnostics: " + test + " =====\n");
        for (int i = 0; i < pcs.size(); i++) {
            out.append("--- serial console of PC ").append(i + 1).append(" ---\n").append(pcs.get(i).serialLog()).append('\n');
        }
        if (server != null) {
            out.append("--- streamboot serve ---\n").append(server.output()).append('\n');
        }
        for (BackgroundProgram helper : helpers) {
            try {
                out.append("--- ").append(helper.name()).append(" ---\n").append(helper.output()).append('\n');
            } catch (IOException e) {
                out.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        if (work != null && Files.exists(dataDir().resolve(Database.FILE_NAME))) {
            out.append("--- boot events ---\n");
            try {
                new BootEventLog(dataDir()).all().forEach(e -> out.append(e).append('\n'));
            } catch (RuntimeException e) {
                out.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return out.append("===== end of diagnostics =====").toString();
    }

    private void cleanUp() throws Exception {
        List<Exception> problems = new ArrayList<>();
        for (QemuPc pc : pcs) {
            closeQuietly(pc::close, problems);
        }
        pcs.clear();
        if (server != null) {
            ServerProcess s = server;
            closeQuietly(() -> {
                s.terminate();
                s.awaitExit(Duration.ofSeconds(20));
            }, problems);
            closeQuietly(s::close, problems);
            server = null;
        }
        for (BackgroundProgram helper : helpers.reversed()) {
            closeQuietly(helper::close, problems);
        }
        helpers.clear();
        if (network != null) {
            network.close();
            network = null;
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            work = null;
        }
        if (!problems.isEmpty()) {
            throw problems.getFirst();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void closeQuietly(Step step, List<Exception> problems) {
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            problems.add(e instanceof Exception ex ? ex : new IllegalStateException(e));
        }
    }
}
