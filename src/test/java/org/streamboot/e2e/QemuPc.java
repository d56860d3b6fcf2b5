package org.streamboot.e2e;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One emulated PC: {@code qemu-system-x86_64} under TCG (the CI machine has no KVM) with
 * SeaBIOS, whose {@code graphics=off} mirrors all INT 10h text (SeaBIOS, iPXE, SYSLINUX) to
 * COM1, and COM1 on QEMU's stdout. Either it network-boots from a tap with the iPXE ROM of
 * {@code ipxe-qemu} on a virtio-net NIC (e1000 adds ~1 s, rtl8139 is very slow), or it boots a
 * local disk image (to check a test image itself). {@link #close()} kills it by PID.
 */
final class QemuPc implements AutoCloseable {

    private final Process process;
    private final SerialTranscript serial;
    private final Thread pump;

    private QemuPc(List<String> command) throws IOException {
        long start = System.nanoTime();
        this.serial = new SerialTranscript(start);
        this.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        this.pump = Thread.ofPlatform().daemon().name("qemu-serial-" + process.pid()).start(this::pumpSerial);
    }

    /** A diskless PC on {@code tap} inside {@code namespace}, booting from the network. */
    static QemuPc networkBoot(String namespace, String tap, String mac) throws IOException {
        return networkBoot(namespace, tap, mac, "virtio-net-pci");
    }

    /** As above with another NIC model, e.g. {@code e1000} for a guest whose driver for it is a single module. */
    static QemuPc networkBoot(String namespace, String tap, String mac, String nic) throws IOException {
        List<String> command = new ArrayList<>(BootNetwork.exec(namespace));
        command.addAll(common());
        command.addAll(List.of("-boot", "n", "-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no",
                "-device", nic + ",netdev=n0,mac=" + mac));
        return new QemuPc(command);
    }

    /**
     * A UEFI PC (q35, OVMF) on {@code tap}: the firmware's code read-only, {@code vars} a fresh
     * copy of OVMF's variable store for this run. The NIC has {@code bootindex=1} because OVMF
     * ignores {@code -boot n}; {@code romfile=} leaves out QEMU's iPXE ROM, so OVMF's own PXE
     * client starts, announcing its architecture (option 93 = 7).
     */
    static QemuPc uefiNetworkBoot(String namespace, String tap, String mac, Path code, Path vars) throws IOException {
        List<String> command = new ArrayList<>(BootNetwork.exec(namespace));
        command.addAll(List.of("qemu-system-x86_64", "-machine", "q35,accel=tcg", "-m", "512",
                "-display", "none", "-vga", "none", "-monitor", "none", "-no-reboot",
                "-chardev", "stdio,id=s0,signal=off", "-serial", "chardev:s0",
                "-drive", "if=pflash,format=raw,readonly=on,file=" + code,
                "-drive", "if=pflash,format=raw,file=" + vars,
                "-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no",
                "-device", "virtio-net-pci,netdev=n0,mac=" + mac + ",bootindex=1,romfile="));
        return new QemuPc(command);
    }

    /** A PC without a network that boots {@code image} from its first IDE disk (changes are discarded). */
    static QemuPc localDisk(Path image) throws IOException {
        List<String> command = new ArrayList<>(common());
        command.addAll(List.of("-nic", "none", "-boot", "c",
                "-drive", "file=" + image.toAbsolutePath() + ",format=raw,if=ide,snapshot=on"));
        return new QemuPc(command);
    }

    private static List<String> common() {
        // -no-reboot: a triple fault or a panicking kernel ends the run instead of looping.
        return List.of("qemu-system-x86_64", "-machine", "pc,accel=tcg,graphics=off", "-m", "256",
                "-display", "none", "-vga", "none", "-monitor", "none", "-no-reboot",
                "-chardev", "stdio,id=s0,signal=off", "-serial", "chardev:s0");
    }

    private void pumpSerial() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                serial.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException ignored) {
            // QEMU ended
        }
    }

    /** Waits for {@code regex} anywhere in the serial output after {@code from}. */
    SerialTranscript.Marker await(String regex, int from, Duration timeout) throws InterruptedException {
        return serial.await(Pattern.compile(regex), from, timeout, process::isAlive);
    }

    SerialTranscript.Marker await(String regex, Duration timeout) throws InterruptedException {
        return await(regex, 0, timeout);
    }

    /** Waits for the PC to power itself off; returns QEMU's exit code. */
    int awaitPowerOff(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the PC did not power off within " + timeout);
        }
        pump.join(2_000);
        return process.exitValue();
    }

    String serialLog() {
        return serial.text();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            // ip netns exec execs QEMU itself, so this PID is QEMU's.
            process.toHandle().destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(2_000);
    }
}
