package org.streamboot.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code streamboot} command in a JVM of its own, as a user or a service manager
 * starts it. Output is collected line by line; {@link #close()} kills the process if a test
 * left it running.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("(\\S+) listening on (.*)$");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread stdout;
    private final Thread stderr;

    private ServerProcess(Process process) {
        this.process = process;
        this.stdout = Thread.ofPlatform().daemon().start(() -> pump(process.getInputStream()));
        this.stderr = Thread.ofPlatform().daemon().start(() -> pump(process.getErrorStream()));
    }

    /** Starts {@code streamboot ARGS...}; {@code prefix} runs it through e.g. setpriv or ip netns exec. */
    public static ServerProcess start(List<String> prefix, Map<String, String> env, String... args) throws IOException {
        return start(classPath(), prefix, env, args);
    }

    public static ServerProcess start(String classPath, List<String> prefix, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(classPath);
        command.add("org.streamboot.Main");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        return new ServerProcess(pb.start());
    }

    public static ServerProcess start(String... args) throws IOException {
        return start(List.of(), Map.of(), args);
    }

    /** target/classes plus the runtime dependencies the build listed (see the pom). */
    public static String classPath() throws IOException {
        Path deps = Path.of("target", "runtime-classpath.txt");
        if (!Files.exists(deps)) {
            throw new IllegalStateException("target/runtime-classpath.txt is missing: run the tests through Maven");
        }
        return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator + Files.readString(deps).strip();
    }

    /**
     * Copies the class path into {@code dir} and returns the copy's class path: for running the
     * server as another user, who cannot read the build's Maven repository.
     */
    public static String copyClassPathTo(Path dir) throws IOException {
        List<String> copied = new ArrayList<>();
        Path classes = dir.resolve("classes");
        Path source = Path.of("target", "classes");
        try (var walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = classes.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        copied.add(classes.toString());
        Path lib = Files.createDirectories(dir.resolve("lib"));
        for (String jar : Files.readString(Path.of("target", "runtime-classpath.txt")).strip().split(java.io.File.pathSeparator)) {
            Path target = lib.resolve(Path.of(jar).getFileName());
            Files.copy(Path.of(jar), target);
            copied.add(target.toString());
        }
        return String.join(java.io.File.pathSeparator, copied);
    }

    private void pump(java.io.InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Waits until a line contains {@code text}; fails with everything printed so far. */
    public String awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (line.contains(text)) {
                    return line;
                }
            }
            if (!process.isAlive() && lines.stream().noneMatch(l -> l.contains(text))) {
                Thread.sleep(100); // let the pumps drain
                if (lines.stream().noneMatch(l -> l.contains(text))) {
                    throw new AssertionError("streamboot exited (" + process.exitValue() + ") before printing '" + text + "':\n" + output());
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + output());
    }

    /** The address a service logged, e.g. "127.0.0.1:43117/tcp" for "HTTP". */
    public String addressOf(String service) {
        for (String line : lines) {
            Matcher m = LISTENING.matcher(line);
            if (m.find() && m.group(1).equals(service)) {
                return m.group(2);
            }
        }
        throw new AssertionError(service + " did not log its address:\n" + output());
    }

    public int portOf(String service) {
        String first = addressOf(service).split(",")[0].trim();
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1, first.indexOf('/')));
    }

    public void terminate() {
        // SIGTERM through the handle: Process.destroy() would also close our end of the
        // output pipes, losing what the server prints while it stops.
        process.toHandle().destroy();
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("streamboot did not exit within " + timeout + ":\n" + output());
        }
        stdout.join(5_000); // everything it printed has been read
        stderr.join(5_000);
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
