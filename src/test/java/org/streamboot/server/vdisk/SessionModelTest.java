package org.streamboot.server.vdisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.Who;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.ReadCache;
import org.streamboot.server.db.Database;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.model.VdiskMode;

/**
 * Random reads, unaligned writes, trims, flushes, reconnects (the OS logging in again after
 * iPXE) and reboots, through the session layer exactly as the iSCSI and NBD targets open it,
 * for every mode, against one byte array per client that says what that client must see:
 * a standard write cache is its own and is gone at the next boot unless persistent; a private
 * vDisk keeps its one writer's data; a maintenance draft keeps its writer's data while other
 * clients go on seeing the current version, and becomes theirs once promoted.
 */
class SessionModelTest {

    enum Mode { STANDARD, STANDARD_PERSISTENT, PRIVATE, MAINTENANCE }

    private static final int SIZE = 4 << 20;
    private static final List<MacAddress> MACS = List.of(MacAddress.parse("52:54:00:00:00:01"), MacAddress.parse("52:54:00:00:00:02"));
    private static final List<String> NAMES = List.of("pc1", "pc2");
    private static final int OPERATIONS = 1500;

    @org.junit.jupiter.api.io.TempDir
    Path data;
    @org.junit.jupiter.api.io.TempDir
    Path work;
    private Database db;
    private AdminService admin;
    private VdiskStore store;
    private ReadCache cache;
    private VdiskSessions sessions;
    private byte[] image;

    @BeforeEach
    void setUp() {
        db = Database.open(data);
        admin = new AdminService(db, Clock.systemUTC());
        store = new VdiskStore(db, new VdiskLayout(data), Clock.systemUTC());
        cache = new ReadCache(8L << 20, 65536, 1);
        sessions = new VdiskSessions(db, store.layout(), cache, 1L << 30);
        image = new byte[SIZE];
        new Random(11).nextBytes(image);
        for (int i = 0; i < NAMES.size(); i++) {
            admin.addClient(MACS.get(i).value(), NAMES.get(i), null, null);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        sessions.close();
        cache.close();
        db.close();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyModeBehavesLikeItsModel(Mode mode) throws Exception {
        Path source = work.resolve("base.img");
        Files.write(source, image);
        VdiskMode stored = mode == Mode.PRIVATE ? VdiskMode.PRIVATE : VdiskMode.STANDARD;
        store.importImage(source, "disk", stored, mode == Mode.STANDARD_PERSISTENT, ImportProgress.Listener.NONE, () -> false);
        String baseHash = VdiskStoreTest.sha256(store.layout().baseImage("disk"));
        int writers = mode == Mode.STANDARD || mode == Mode.STANDARD_PERSISTENT ? 2 : 1;
        for (int i = 0; i < writers; i++) {
            admin.assign(new Who.Client(NAMES.get(i)), "disk", false);
        }
        VdiskVersions versions = new VdiskVersions(db, store.layout(), Clock.systemUTC());
        if (mode == Mode.MAINTENANCE) {
            admin.assign(new Who.Client("pc2"), "disk", false);
            versions.maintain("disk", "pc1");
        }
        boolean keptAcrossBoots = mode != Mode.STANDARD;

        for (long seed = 1; seed <= 2; seed++) {
            Random random = new Random(seed * 977 + mode.ordinal());
            Map<Integer, byte[]> models = new HashMap<>();
            Map<Integer, BlockDevice> open = new HashMap<>();
            for (int i = 0; i < writers; i++) {
                open.put(i, sessions.openForClient(NAMES.get(i), "disk"));
                models.put(i, read(open.get(i)));
            }
            try {
                for (int op = 0; op < OPERATIONS; op++) {
                    int who = random.nextInt(writers);
                    byte[] model = models.get(who);
                    BlockDevice device = open.get(who);
                    String where = mode + " seed " + seed + " op " + op + " " + NAMES.get(who);
                    int kind = random.nextInt(100);
                    long offset = offset(random);
                    int length = (int) Math.min(SIZE - offset, 1 + random.nextInt(random.nextBoolean() ? 512 : 70_000));
                    if (kind < 40) {
                        byte[] bytes = new byte[length];
                        random.nextBytes(bytes);
                        device.write(offset, ByteBuffer.wrap(bytes));
                        System.arraycopy(bytes, 0, model, (int) offset, length);
                    } else if (kind < 78) {
                        ByteBuffer buf = ByteBuffer.allocate(length);
                        device.read(offset, buf);
                        assertSame(buf.array(), Arrays.copyOfRange(model, (int) offset, (int) offset + length), where);
                    } else if (kind < 88) {
                        device.trim(offset, length);
                        Arrays.fill(model, (int) offset, (int) offset + length, (byte) 0);
                    } else if (kind < 94) {
                        device.flush();
                    } else if (kind < 98) {
                        device.close();
                        open.put(who, sessions.openForClient(NAMES.get(who), "disk"));
                    } else {
                        device.flush();
                        device.close();
                        sessions.newBoot(MACS.get(who));
                        open.put(who, sessions.openForClient(NAMES.get(who), "disk"));
                        if (!keptAcrossBoots) {
                            models.put(who, image.clone());
                        }
                    }
                }
                for (int i = 0; i < writers; i++) {
                    assertSame(read(open.get(i)), models.get(i), mode + " seed " + seed + " final " + NAMES.get(i));
                }
            } finally {
                for (BlockDevice d : open.values()) {
                    d.close();
                }
            }
            if (mode == Mode.MAINTENANCE) {
                try (BlockDevice other = sessions.openForClient("pc2", "disk")) {
                    assertSame(read(other), image, "pc2 boots the current version while pc1 writes the draft");
                }
            }
        }
        if (mode == Mode.MAINTENANCE) {
            byte[] draft;
            try (BlockDevice writer = sessions.openForClient("pc1", "disk")) {
                draft = read(writer);
            }
            versions.promote("disk");
            sessions.newBoot(MACS.get(1));
            try (BlockDevice other = sessions.openForClient("pc2", "disk")) {
                assertSame(read(other), draft, "after promote, pc2's next boot sees the new version");
            }
        }
        if (mode != Mode.PRIVATE) {
            assertThat(VdiskStoreTest.sha256(store.layout().baseImage("disk"))).as("base image never written").isEqualTo(baseHash);
        }
    }

    private static long offset(Random random) {
        // Bias towards 4 KiB block edges, where read-modify-write lives.
        long block = random.nextInt(SIZE / 4096);
        return switch (random.nextInt(3)) {
            case 0 -> block * 4096;
            case 1 -> Math.max(0, block * 4096 - 1 - random.nextInt(7));
            default -> random.nextInt(SIZE);
        };
    }

    private static byte[] read(BlockDevice device) throws Exception {
        ByteBuffer all = ByteBuffer.allocate(SIZE);
        device.read(0, all);
        return all.array();
    }

    private static void assertSame(byte[] actual, byte[] expected, String where) {
        int at = Arrays.mismatch(actual, expected);
        if (at >= 0) {
            throw new AssertionError(where + ": first difference at byte " + at + " (block " + at / 4096 + ")");
        }
    }
}
