package org.streamboot.server.vdisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts qcow2, VMDK, VHD/VHDX and VDI images to raw with {@code qemu-img convert} (Debian
 * package qemu-utils). Its {@code -p} progress arrives as "(12.34/100%)" separated by carriage
 * returns, which is read as it comes.
 */
final class QemuImg {

    private static final Pattern PERCENT = Pattern.compile("\\((\\d+(?:\\.\\d+)?)/100%\\)");

    private QemuImg() {
    }

    static Path executable() throws ImportException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "qemu-img");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new ImportException("converting this image needs qemu-img: install the Debian package qemu-utils"
                + " (sudo apt-get install qemu-utils), or import a raw image");
    }

    /** Runs the conversion; {@code cancelled} is polled and kills qemu-img when it turns true. */
    static void convertToRaw(Path source, ImageFormat format, Path target, DoubleConsumer percent, BooleanSupplier cancelled)
            throws ImportException, IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(executable().toString(), "convert", "-p", "-f", format.qemuName, "-O", "raw",
                source.toString(), target.toString())).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> read(p, output, percent));
        try {
            while (!p.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    p.destroyForcibly().waitFor();
                    throw new ImportCancelledException();
                }
            }
            reader.join();
            if (p.exitValue() != 0) {
                throw new ImportException("qemu-img could not convert " + source.getFileName() + ": "
                        + output.toString().replaceAll("\\(\\d+(\\.\\d+)?/100%\\)", "").strip());
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static void read(Process p, StringBuilder output, DoubleConsumer percent) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder token = new StringBuilder();
            int ch;
            while ((ch = r.read()) != -1) {
                if (ch == '\r' || ch == '\n') {
                    Matcher m = PERCENT.matcher(token);
                    if (m.find()) {
                        percent.accept(Double.parseDouble(m.group(1)));
                    } else if (!token.isEmpty()) {
                        synchronized (output) {
                            output.append(token).append('\n');
                        }
                    }
                    token.setLength(0);
                } else {
                    token.append((char) ch);
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
