package org.streamboot.server.live.demo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.Views.ClientView;
import org.streamboot.server.block.AccessSnapshot;
import org.streamboot.server.live.LiveHub;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.Firmware;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.vdisk.DiskActivity;

/**
 * A simulated lab for showing the console without PCs: N clients registered in the database
 * (MACs 02:5b:…, locally administered, so they can never clash with a real NIC) that boot
 * through the stages, stream, run and sometimes fail, feeding the same {@link LiveHub} the
 * protocol handlers feed. Their disk use comes from {@link #activity()}.
 */
public final class DemoFleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoFleet.class);
    static final List<String> GROUPS = List.of("demo-lab-a", "demo-lab-b");
    private static final long DISK_SIZE = 8L << 30;
    private static final long WRITE_QUOTA = 256L << 20;

    private final LiveHub hub;
    private final AdminService admin;
    private final int count;
    private final Random random;
    private final Clock clock;
    private final List<Member> members = new ArrayList<>();
    private ScheduledExecutorService timer;

    private record Member(MacAddress mac, String name, String vdisk, Firmware firmware, String ip, DemoBoot boot,
                          DemoDisk disk) {
    }

    public DemoFleet(LiveHub hub, AdminService admin, int count, long seed, Clock clock) {
        if (count < 1 || count > 4096) {
            throw new IllegalArgumentException("a demo fleet has 1 to 4096 clients, not " + count);
        }
        this.hub = hub;
        this.admin = admin;
        this.count = count;
        this.random = new Random(seed);
        this.clock = clock;
    }

    /** The MAC of demo client {@code index} (0-based): 02:5b:00:00:hi:lo. */
    public static MacAddress macOf(int index) {
        return MacAddress.fromBytes(new byte[] {0x02, 0x5b, 0, 0, (byte) (index >> 8), (byte) index});
    }

    /** Registers the clients (blocking, on the database); call before {@link #start}. */
    public synchronized DemoFleet register() {
        List<String> groups = admin.groups().stream().map(g -> g.name()).toList();
        for (String g : GROUPS) {
            if (!groups.contains(g)) {
                admin.addGroup(g);
            }
        }
        for (int i = 0; i < count; i++) {
            MacAddress mac = macOf(i);
            String name = String.format("demo-%02d", i + 1);
            ClientView view = admin.clientByMac(mac)
                    .orElseGet(() -> admin.addClient(mac.value(), name, GROUPS.get(members.size() % GROUPS.size()), null));
            String vdisk = view.defaultVdisk() != null ? view.defaultVdisk() : "demo-disk";
            Firmware firmware = i % 4 == 3 ? Firmware.BIOS : Firmware.UEFI;
            String ip = "10.20." + (i / 200) + "." + (20 + i % 200);
            // Each PC starts a little later than the one before, as when a class switches on.
            members.add(new Member(mac, view.name(), vdisk, firmware, ip,
                    new DemoBoot(random, 0.04, random.nextInt(3 + count)), new DemoDisk(DISK_SIZE)));
        }
        return this;
    }

    /** Starts the simulation: one tick every {@code periodMillis} on a daemon thread. */
    public synchronized DemoFleet start(long periodMillis) {
        if (timer != null) {
            throw new IllegalStateException("the demo fleet is already running");
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("streamboot-demo").daemon(true).factory());
        timer.scheduleWithFixedDelay(this::tickSafely, 0, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Demo fleet tick failed: {}", e.getMessage());
        }
    }

    /** One step of every simulated PC; public for tests that step the fleet by hand. */
    public synchronized void tick() {
        for (Member m : members) {
            DemoBoot.Step step = m.boot().tick();
            if (step != null) {
                if (step.stage() == BootStage.DHCP) {
                    m.disk().reset();
                    admin.noteSeen(m.mac(), m.firmware(), m.ip()); // queued on the database thread
                }
                hub.emit(m.mac(), step.stage(), step.severity(), step.detail());
            }
            switch (m.boot().stage()) {
                case STREAMING -> m.disk().streamTick(random);
                case RUNNING -> m.disk().runTick(random);
                default -> { }
            }
        }
    }

    /** The simulated clients' disk use, shaped as the real sessions report it. */
    public synchronized List<DiskActivity> activity() {
        var now = clock.instant();
        List<AccessSnapshot> snapshots = new ArrayList<>(members.size());
        // What a shared read cache would hold: every block some PC of the same vDisk has read.
        java.util.Map<String, BitSet> cached = new java.util.HashMap<>();
        for (Member m : members) {
            AccessSnapshot a = m.disk().snapshot(now);
            snapshots.add(a);
            cached.computeIfAbsent(m.vdisk(), v -> new BitSet()).or(a.readSet());
        }
        List<DiskActivity> out = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            BootStage s = m.boot().stage();
            boolean open = s == BootStage.DISK_ATTACHED || s == BootStage.STREAMING || s == BootStage.RUNNING;
            out.add(new DiskActivity(m.mac(), m.name(), m.vdisk(), open, snapshots.get(i),
                    m.disk().writeCacheBytes(), WRITE_QUOTA, m.disk().bootSetRead(), cached.get(m.vdisk())));
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
