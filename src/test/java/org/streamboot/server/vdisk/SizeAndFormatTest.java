package org.streamboot.server.vdisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SizeAndFormatTest {

    @Test
    void sizesUseBinaryUnits() {
        assertThat(SizeParser.parse("20G")).isEqualTo(20L << 30);
        assertThat(SizeParser.parse("512m")).isEqualTo(512L << 20);
        assertThat(SizeParser.parse("1.5T")).isEqualTo(3L << 39);
        assertThat(SizeParser.parse("4096")).isEqualTo(4096);
        assertThat(SizeParser.parse("8 GiB")).isEqualTo(8L << 30);
        assertThatThrownBy(() -> SizeParser.parse("lots")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> SizeParser.parse("1000")).hasMessageContaining("512-byte sectors");
        assertThatThrownBy(() -> SizeParser.parse("0")).hasMessageContaining("out of range");
    }

    @Test
    void formatsAreRecognisedByMagicNotName(@TempDir Path dir) throws Exception {
        Path qcow = dir.resolve("disk.raw");
        Files.write(qcow, new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});
        assertThat(ImageFormat.detect(qcow)).isEqualTo(ImageFormat.QCOW2);

        byte[] vdi = new byte[512];
        vdi[0x40] = 0x7f;
        vdi[0x41] = 0x10;
        vdi[0x42] = (byte) 0xda;
        vdi[0x43] = (byte) 0xbe;
        Path vdiFile = dir.resolve("disk.qcow2");
        Files.write(vdiFile, vdi);
        assertThat(ImageFormat.detect(vdiFile)).isEqualTo(ImageFormat.VDI);

        byte[] fixedVhd = new byte[2048];
        System.arraycopy("conectix".getBytes(), 0, fixedVhd, 1536, 8);
        Path vhd = dir.resolve("disk.img");
        Files.write(vhd, fixedVhd);
        assertThat(ImageFormat.detect(vhd)).isEqualTo(ImageFormat.VHD);

        Path raw = dir.resolve("disk.vmdk");
        Files.write(raw, new byte[4096]);
        assertThat(ImageFormat.detect(raw)).isEqualTo(ImageFormat.RAW);
    }
}
