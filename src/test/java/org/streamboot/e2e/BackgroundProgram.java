package org.streamboot.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A helper program running for the length of a test (the office DHCP server), its output in a file. */
final class BackgroundProgram implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    BackgroundProgram(String name, List<String> command, Path log) throws IOException {
        this.name = name;
        this.log = log;
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Waits until the program printed {@code text}; fails if it exits first or the time runs out. */
    void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print '" + text + "'" + (process.isAlive() ? "" : " and exited")
                        + ":\n" + output());
            }
            Thread.sleep(50);
        }
    }

    void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited (" + process.exitValue() + "):\n" + output());
        }
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.toHandle().destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
