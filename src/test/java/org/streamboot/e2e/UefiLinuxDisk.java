package org.streamboot.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An EFI-bootable vDisk without loop mounts: a unified kernel image (systemd's
 * {@code linuxx64.efi.stub} from the {@code systemd-boot-efi} package, extracted, never
 * installed, with the kernel, the {@link LinuxDisk} initramfs and a command line added as
 * sections by objcopy) as {@code \EFI\BOOT\BOOTX64.EFI} on a FAT file system, behind an MBR
 * whose one partition is an EFI system partition (type 0xEF). iPXE's {@code sanboot} passes
 * no command line, so the one built into the image is used.
 */
final class UefiLinuxDisk {

    private static final int PARTITION_START_LBA = 2048;
    private static final int FAT_KIB = 24 * 1024;

    private UefiLinuxDisk() {
    }

    static Path image() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(DebianPackages.CACHE.resolve("uefi-linux-disk"));
        Path image = dir.resolve("uefi.img");
        if (Files.exists(image)) {
            return image;
        }
        LinuxDisk.image(); // leaves vmlinuz and initrd.gz in its cache directory
        Path linux = DebianPackages.CACHE.resolve("linux-disk");
        Path stub = DebianPackages.find(DebianPackages.extract("systemd-boot-efi", "./usr/lib/systemd/boot/efi/linuxx64.efi.stub"),
                "/linuxx64.efi.stub");
        Files.writeString(dir.resolve("osrel"), "ID=streamboot-e2e\nNAME=\"Streamboot test\"\n", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("cmdline"), "console=ttyS0 loglevel=4 panic=-1\0", StandardCharsets.US_ASCII);
        // Section addresses above the stub's own image, as the stub expects (systemd's ukify does the same).
        HostCommand.run(60, dir, "objcopy",
                "--add-section", ".osrel=osrel", "--change-section-vma", ".osrel=0x20000",
                "--add-section", ".cmdline=cmdline", "--change-section-vma", ".cmdline=0x30000",
                "--add-section", ".linux=" + linux.resolve("vmlinuz"), "--change-section-vma", ".linux=0x2000000",
                "--add-section", ".initrd=" + linux.resolve("initrd.gz"), "--change-section-vma", ".initrd=0x3000000",
                stub.toString(), "BOOTX64.EFI");

        Path fat = dir.resolve("esp.fat");
        Files.deleteIfExists(fat);
        HostCommand.run(60, dir, "mkfs.vfat", "-C", fat.toString(), Integer.toString(FAT_KIB));
        HostCommand.run(60, dir, "mmd", "-i", fat.toString(), "::/EFI", "::/EFI/BOOT");
        HostCommand.run(60, dir, "mcopy", "-i", fat.toString(), "BOOTX64.EFI", "::/EFI/BOOT/BOOTX64.EFI");

        Path building = dir.resolve("uefi.img.tmp");
        try (OutputStream out = Files.newOutputStream(building)) {
            out.write(masterBootRecord(FAT_KIB * 2L));
            out.write(new byte[(PARTITION_START_LBA - 1) * ChecksumDisk.SECTOR]);
            Files.copy(fat, out);
        }
        Files.move(building, image);
        return image;
    }

    /** A protective-free classic MBR: one partition of type 0xEF (EFI system) from LBA 2048; CHS fields saturated as for LBA-only disks. */
    static byte[] masterBootRecord(long partitionSectors) {
        ByteBuffer mbr = ByteBuffer.allocate(ChecksumDisk.SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        mbr.position(446);
        mbr.put((byte) 0x00).put((byte) 0xfe).put((byte) 0xff).put((byte) 0xff);
        mbr.put((byte) 0xef).put((byte) 0xfe).put((byte) 0xff).put((byte) 0xff);
        mbr.putInt(PARTITION_START_LBA).putInt((int) partitionSectors);
        mbr.position(510);
        mbr.put((byte) 0x55).put((byte) 0xaa);
        return mbr.array();
    }
}
