package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Disk image formats an admin brings, recognised by their magic bytes (never by the file name):
 * qcow2 "QFI\xfb" at 0; VMDK "KDMV" (sparse extent) or a text descriptor at 0; VHDX "vhdxfile"
 * at 0; VDI signature 0xbeda107f at 0x40; VHD "conectix" in the last 512 bytes (fixed VHDs are
 * a raw disk plus that footer) or at 0 (dynamic VHDs copy it there). Anything else is raw.
 */
public enum ImageFormat {
    RAW("raw"), QCOW2("qcow2"), VMDK("vmdk"), VHD("vpc"), VHDX("vhdx"), VDI("vdi");

    /** The name qemu-img uses for the format. */
    public final String qemuName;

    ImageFormat(String qemuName) {
        this.qemuName = qemuName;
    }

    public static ImageFormat detect(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(512);
            ch.read(head, 0);
            byte[] h = head.array();
            if (starts(h, 0, new byte[] {'Q', 'F', 'I', (byte) 0xfb})) {
                return QCOW2;
            }
            if (starts(h, 0, "KDMV".getBytes(StandardCharsets.US_ASCII))
                    || starts(h, 0, "# Disk DescriptorFile".getBytes(StandardCharsets.US_ASCII))) {
                return VMDK;
            }
            if (starts(h, 0, "vhdxfile".getBytes(StandardCharsets.US_ASCII))) {
                return VHDX;
            }
            if (head.position() >= 0x44 && ByteBuffer.wrap(h, 0x40, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() == 0xbeda107f) {
                return VDI;
            }
            if (starts(h, 0, "conectix".getBytes(StandardCharsets.US_ASCII))) {
                return VHD;
            }
            long size = ch.size();
            if (size >= 1024 && size % 512 == 0) {
                ByteBuffer tail = ByteBuffer.allocate(8);
                ch.read(tail, size - 512);
                if (starts(tail.array(), 0, "conectix".getBytes(StandardCharsets.US_ASCII))) {
                    return VHD;
                }
            }
            return RAW;
        }
    }

    private static boolean starts(byte[] data, int at, byte[] magic) {
        if (data.length < at + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (data[at + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
