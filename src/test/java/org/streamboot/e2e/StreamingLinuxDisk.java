package org.streamboot.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A Linux vDisk that, once booted over iSCSI, attaches itself again over NBD (resource
 * {@code e2e/init-nbd.sh}). Besides SYSLINUX, the kernel and the initramfs, its FAT holds
 * {@code stream.bin} (seeded random data nothing reads at boot) and {@code mark.bin} (one
 * sector reading {@link #BASE_MARK}). Their sectors are found in the finished image, and the
 * initramfs is told where they are; FAT stores files written first on a fresh file system in
 * one run of clusters, which {@link #locate} checks.
 *
 * <p>The guest's NIC is an e1000: its driver is one module, virtio-net needs five.
 */
record StreamingLinuxDisk(Path image, String streamSha256, long streamLba, long markLba) {

    static final String BASE_MARK = "STREAMBOOT-BASE-MARK";
    static final String CLIENT_MARK = "STREAMBOOT-CLIENT-MARK";
    private static final int STREAM_BYTES = 256 * 1024;
    private static final int IMAGE_KIB = 48 * 1024;

    /** Builds the image once per cache; later calls locate the files in the cached image again. */
    static StreamingLinuxDisk cached() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(DebianPackages.CACHE.resolve("streaming-linux-disk"));
        Path image = dir.resolve("streaming.img");
        byte[] stream = new byte[STREAM_BYTES];
        new SplittableRandom(0x57AEA3L).nextBytes(stream);
        byte[] mark = new byte[ChecksumDisk.SECTOR];
        Arrays.fill(mark, (byte) '.');
        System.arraycopy(BASE_MARK.getBytes(StandardCharsets.US_ASCII), 0, mark, 0, BASE_MARK.length());
        if (!Files.exists(image)) {
            build(dir, image, stream, mark);
        }
        byte[] bytes = Files.readAllBytes(image);
        return new StreamingLinuxDisk(image, sha256(stream), locate(bytes, stream) / ChecksumDisk.SECTOR,
                locate(bytes, mark) / ChecksumDisk.SECTOR);
    }

    private static void build(Path dir, Path image, byte[] stream, byte[] mark) throws IOException, InterruptedException {
        String kernelPackage = DebianPackages.currentKernelPackage();
        String[] modules = {"drivers/firmware/iscsi_ibft.ko", "drivers/scsi/iscsi_boot_sysfs.ko",
                "drivers/net/ethernet/intel/e1000/e1000.ko", "drivers/block/nbd.ko"};
        String[] patterns = new String[modules.length + 1];
        patterns[0] = "./boot/vmlinuz-*";
        for (int i = 0; i < modules.length; i++) {
            patterns[i + 1] = "./lib/modules/*/kernel/" + modules[i];
        }
        Path kernelTree = DebianPackages.extract(kernelPackage, patterns);
        Path busyboxTree = DebianPackages.extract("busybox-static", "./bin/busybox");
        Files.write(dir.resolve("stream.bin"), stream);
        Files.write(dir.resolve("mark.bin"), mark);
        Files.copy(DebianPackages.find(kernelTree, "/boot/vmlinuz-" + kernelPackage.substring("linux-image-".length())),
                dir.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("syslinux.cfg"), """
                DEFAULT linux
                PROMPT 0
                TIMEOUT 0
                LABEL linux
                  KERNEL vmlinuz
                  INITRD initrd.gz
                  APPEND console=ttyS0 loglevel=4 panic=-1
                """, StandardCharsets.US_ASCII);

        Path building = dir.resolve("streaming.img.tmp");
        Files.deleteIfExists(building);
        HostCommand.run(60, dir, "mkfs.vfat", "-C", building.toString(), Integer.toString(IMAGE_KIB));
        HostCommand.run(60, dir, "syslinux", "--install", building.toString());
        // First the two data files, so that they sit in one run of clusters each ...
        HostCommand.run(60, dir, "mcopy", "-i", building.toString(), "stream.bin", "mark.bin", "::");
        byte[] bytes = Files.readAllBytes(building);
        String conf = "STREAM_LBA=" + locate(bytes, stream) / ChecksumDisk.SECTOR + "\nSTREAM_SECTORS="
                + STREAM_BYTES / ChecksumDisk.SECTOR + "\nMARK_LBA=" + locate(bytes, mark) / ChecksumDisk.SECTOR + "\n";
        // ... then the initramfs that knows where they are; adding files never moves earlier ones.
        Files.write(dir.resolve("initrd.gz"), initramfs(busyboxTree, kernelTree, modules, conf));
        HostCommand.run(60, dir, "mcopy", "-i", building.toString(), "vmlinuz", "initrd.gz", "syslinux.cfg", "::");
        Files.move(building, image);
    }

    private static byte[] initramfs(Path busyboxTree, Path kernelTree, String[] modules, String conf)
            throws IOException, InterruptedException {
        byte[] init;
        try (InputStream in = StreamingLinuxDisk.class.getResourceAsStream("/e2e/init-nbd.sh")) {
            init = Objects.requireNonNull(in, "e2e/init-nbd.sh is missing").readAllBytes();
        }
        NewcArchive cpio = new NewcArchive();
        for (String d : new String[] {"bin", "dev", "etc", "proc", "sys", "lib", "lib/modules", "lib64"}) {
            cpio.directory(d);
        }
        cpio.characterDevice("dev/console", 0600, 5, 1)
                .file("bin/busybox", 0755, Files.readAllBytes(busyboxTree.resolve("bin/busybox")))
                .file("init", 0755, init)
                .file("etc/disk.conf", 0644, conf.getBytes(StandardCharsets.US_ASCII));
        for (String module : modules) {
            String name = module.substring(module.lastIndexOf('/') + 1);
            cpio.file("lib/modules/" + name, 0644, Files.readAllBytes(DebianPackages.find(kernelTree, "/" + module)));
        }
        NbdClientProgram.addTo(cpio);
        return cpio.toGzip();
    }

    /** Byte offset of {@code content} in {@code image}; it must occur exactly once, whole and sector-aligned. */
    static long locate(byte[] image, byte[] content) {
        long found = -1;
        for (int at = 0; at + content.length <= image.length; at += ChecksumDisk.SECTOR) {
            if (Arrays.equals(image, at, at + content.length, content, 0, content.length)) {
                if (found >= 0) {
                    throw new IllegalStateException("the content occurs twice in the image");
                }
                found = at;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("the file is not stored in one run of sectors in the image");
        }
        return found;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
