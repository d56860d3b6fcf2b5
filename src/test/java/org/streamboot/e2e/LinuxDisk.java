package org.streamboot.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A bootable Linux vDisk without loop mounts: a FAT "superfloppy" image ({@code mkfs.vfat
 * -C}) made bootable by SYSLINUX, holding Debian's kernel and a busybox-static initramfs whose
 * {@code /init} (resource {@code e2e/init.sh}) prints {@link #UP}, the identity iPXE left in the
 * iBFT (lines {@code IBFT-HOSTNAME=} and {@code IBFT-INITIATOR=}, or {@code IBFT-ABSENT}) and
 * {@link #DONE}, then powers the PC off.
 */
final class LinuxDisk {

    static final String UP = "STREAMBOOT-LINUX-UP";
    static final String DONE = "STREAMBOOT-LINUX-DONE";
    private static final int IMAGE_KIB = 32 * 1024;

    private LinuxDisk() {
    }

    /** Builds (once per cache) and returns the image; callers import it as a vDisk or boot a copy. */
    static Path image() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(DebianPackages.CACHE.resolve("linux-disk"));
        Path image = dir.resolve("linux.img");
        if (Files.exists(image)) {
            return image;
        }
        String kernelPackage = DebianPackages.currentKernelPackage();
        Path kernelTree = DebianPackages.extract(kernelPackage, "./boot/vmlinuz-*",
                "./lib/modules/*/kernel/drivers/firmware/iscsi_ibft.ko", "./lib/modules/*/kernel/drivers/scsi/iscsi_boot_sysfs.ko");
        Path busyboxTree = DebianPackages.extract("busybox-static", "./bin/busybox");

        Files.write(dir.resolve("initrd.gz"), initramfs(busyboxTree, kernelTree));
        Files.copy(DebianPackages.find(kernelTree, "/boot/vmlinuz-" + kernelPackage.substring("linux-image-".length())),
                dir.resolve("vmlinuz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // panic=-1: a kernel that cannot go on reboots at once, and QEMU's -no-reboot ends the run.
        Files.writeString(dir.resolve("syslinux.cfg"), """
                DEFAULT linux
                PROMPT 0
                TIMEOUT 0
                LABEL linux
                  KERNEL vmlinuz
                  INITRD initrd.gz
                  APPEND console=ttyS0 loglevel=4 panic=-1
                """, StandardCharsets.US_ASCII);

        Path building = dir.resolve("linux.img.tmp");
        Files.deleteIfExists(building);
        HostCommand.run(60, dir, "mkfs.vfat", "-C", building.toString(), Integer.toString(IMAGE_KIB));
        HostCommand.run(60, dir, "syslinux", "--install", building.toString());
        HostCommand.run(60, dir, "mcopy", "-i", building.toString(), "vmlinuz", "initrd.gz", "syslinux.cfg", "::");
        Files.move(building, image);
        return image;
    }

    private static byte[] initramfs(Path busyboxTree, Path kernelTree) throws IOException {
        byte[] init;
        try (InputStream in = LinuxDisk.class.getResourceAsStream("/e2e/init.sh")) {
            init = Objects.requireNonNull(in, "e2e/init.sh is missing").readAllBytes();
        }
        NewcArchive cpio = new NewcArchive();
        for (String d : new String[] {"bin", "dev", "proc", "sys", "lib", "lib/modules"}) {
            cpio.directory(d);
        }
        return cpio.characterDevice("dev/console", 0600, 5, 1) // the kernel opens it before /init runs
                .file("bin/busybox", 0755, Files.readAllBytes(busyboxTree.resolve("bin/busybox")))
                .file("init", 0755, init)
                .file("lib/modules/iscsi_boot_sysfs.ko", 0644, Files.readAllBytes(DebianPackages.find(kernelTree, "/iscsi_boot_sysfs.ko")))
                .file("lib/modules/iscsi_ibft.ko", 0644, Files.readAllBytes(DebianPackages.find(kernelTree, "/iscsi_ibft.ko")))
                .toGzip();
    }
}
