package org.streamboot.server.vdisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamboot.server.admin.AdminException;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.Who;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.VdiskRepository;
import org.streamboot.server.model.Vdisk;
import org.streamboot.server.model.VdiskMode;

class VdiskStoreTest {

    @TempDir
    Path data;
    @TempDir
    Path work;
    Database db;
    VdiskStore store;

    @BeforeEach
    void open() {
        db = Database.open(data);
        store = new VdiskStore(db, new VdiskLayout(data), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    List<Vdisk> allVdisks() {
        return db.call(c -> new VdiskRepository().all(c));
    }

    static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A raw image with random data, a zero gap and more random data. */
    Path rawImage(String name, int mib) throws IOException {
        byte[] bytes = new byte[mib << 20];
        new Random(42).nextBytes(bytes);
        java.util.Arrays.fill(bytes, bytes.length / 4, bytes.length / 2, (byte) 0);
        Path p = work.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void createMakesASparseReadOnlyBaseAndRegistersVersionOne() throws Exception {
        Vdisk v = store.create("win11", 20L << 30, VdiskMode.STANDARD, false);
        Path base = store.layout().baseImage("win11");
        assertThat(Files.size(base)).isEqualTo(20L << 30);
        assertThat(Files.getPosixFilePermissions(base)).isEqualTo(PosixFilePermissions.fromString("r--r--r--"));
        assertThat((Long) Files.getAttribute(base, "unix:size")).isEqualTo(20L << 30);
        assertThat(v.currentVersion()).isEqualTo(1);
        var versions = db.call(c -> new VdiskRepository().versions(c, v.id()));
        assertThat(versions).singleElement().satisfies(ver -> assertThat(ver.file()).isEqualTo("vdisks/win11/v1.raw"));
        assertThat(Files.list(store.layout().tmpDir())).isEmpty();
    }

    @Test
    void badNamesSizesAndDuplicatesChangeNothing() throws Exception {
        store.create("win11", 1 << 20, VdiskMode.STANDARD, false);
        assertThatThrownBy(() -> store.create("WIN11", 1 << 20, VdiskMode.STANDARD, false)).isInstanceOf(AdminException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> store.create("../x", 1 << 20, VdiskMode.STANDARD, false)).isInstanceOf(AdminException.class);
        assertThatThrownBy(() -> store.create("odd", 1000, VdiskMode.STANDARD, false)).isInstanceOf(AdminException.class);
        assertThatThrownBy(() -> store.importImage(work.resolve("missing.img"), "m", VdiskMode.STANDARD, false,
                ImportProgress.Listener.NONE, () -> false)).isInstanceOf(AdminException.class).hasMessageContaining("no such readable file");
        assertThat(allVdisks()).hasSize(1);
        assertThat(Files.list(data.resolve("vdisks"))).hasSize(1);
    }

    @Test
    void aRawImageIsImportedByteForByteWithProgress() throws Exception {
        Path source = rawImage("disk.img", 24);
        List<ImportProgress> seen = new ArrayList<>();
        Vdisk v = store.importImage(source, "linux", VdiskMode.PRIVATE, false, seen::add, () -> false);
        assertThat(sha256(store.layout().baseImage("linux"))).isEqualTo(sha256(source));
        assertThat(v.sizeBytes()).isEqualTo(24L << 20);
        assertThat(v.mode()).isEqualTo(VdiskMode.PRIVATE);
        assertThat(seen).isNotEmpty();
        assertThat(seen.getLast().fraction()).isEqualTo(1.0);
        assertThat(seen.getLast().secondsLeft()).isZero();
    }

    @Test
    void anOddSizedRawImageIsPaddedToWholeSectors() throws Exception {
        Path odd = work.resolve("odd.bin");
        Files.write(odd, new byte[1000]);
        Vdisk v = store.importImage(odd, "odd", VdiskMode.STANDARD, false, ImportProgress.Listener.NONE, () -> false);
        assertThat(v.sizeBytes()).isEqualTo(1024);
    }

    @Test
    void aCancelledImportLeavesNothingBehind() throws Exception {
        Path source = rawImage("big.img", 16);
        int[] calls = {0};
        assertThatThrownBy(() -> store.importImage(source, "big", VdiskMode.STANDARD, false, ImportProgress.Listener.NONE,
                () -> ++calls[0] > 2)).isInstanceOf(ImportCancelledException.class);
        assertThat(Files.list(store.layout().tmpDir())).isEmpty();
        assertThat(Files.exists(store.layout().vdiskDir("big"))).isFalse();
        assertThat(allVdisks()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"qcow2", "vmdk", "vpc", "vhdx", "vdi"})
    void otherFormatsAreConvertedWithQemuImg(String format) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-img")), "qemu-img (Debian qemu-utils) is not installed");
        Path raw = rawImage("src.raw", 8);
        Path converted = work.resolve("src." + format);
        // vpc rounds sizes to its CHS geometry unless told to keep them.
        List<String> cmd = new ArrayList<>(List.of("qemu-img", "convert", "-f", "raw", "-O", format));
        if (format.equals("vpc")) {
            cmd.addAll(List.of("-o", "force_size=on"));
        }
        cmd.addAll(List.of(raw.toString(), converted.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();

        assertThat(ImageFormat.detect(converted).qemuName).isEqualTo(format);
        List<ImportProgress> seen = new ArrayList<>();
        store.importImage(converted, "conv-" + format, VdiskMode.STANDARD, false, seen::add, () -> false);
        assertThat(sha256(store.layout().baseImage("conv-" + format))).isEqualTo(sha256(raw));
        assertThat(seen.getLast().fraction()).isEqualTo(1.0);
    }

    @Test
    void aDamagedImageFailsWithQemuImgsReasonAndLeavesNothing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-img")), "qemu-img (Debian qemu-utils) is not installed");
        Path broken = work.resolve("broken.qcow2");
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        junk[0] = 'Q';
        junk[1] = 'F';
        junk[2] = 'I';
        junk[3] = (byte) 0xfb;
        Files.write(broken, junk);
        assertThatThrownBy(() -> store.importImage(broken, "broken", VdiskMode.STANDARD, false, ImportProgress.Listener.NONE,
                () -> false)).isInstanceOf(ImportException.class).hasMessageContaining("qemu-img could not convert broken.qcow2");
        assertThat(Files.list(store.layout().tmpDir())).isEmpty();
        assertThat(allVdisks()).isEmpty();
    }

    @Test
    void deleteIsRefusedWhileAssignedAndRemovesEverythingAfterwards() throws Exception {
        store.create("win11", 1 << 20, VdiskMode.STANDARD, false);
        AdminService admin = new AdminService(db, Clock.systemUTC());
        admin.addClient("52:54:00:00:00:01", "pc1", null, null);
        admin.assign(new Who.Client("pc1"), "win11", false);
        assertThatThrownBy(() -> store.delete("win11")).isInstanceOf(AdminException.class).hasMessageContaining("still assigned");
        assertThat(Files.exists(store.layout().baseImage("win11"))).isTrue();

        admin.unassign(new Who.Client("pc1"), "win11");
        store.delete("win11");
        assertThat(Files.exists(store.layout().vdiskDir("win11"))).isFalse();
        assertThat(admin.vdisks()).isEmpty();
        assertThatThrownBy(() -> store.delete("win11")).isInstanceOf(AdminException.class);
    }
}
