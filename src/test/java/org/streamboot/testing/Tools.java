package org.streamboot.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finding and running the real client tools interop tests use. */
public final class Tools {

    private Tools() {
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    /** Skips the calling test, naming the Debian package, when {@code tool} is not installed. */
    public static void require(String tool, String debianPackage) {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath(tool),
                tool + " is not installed; skipping (apt-get install " + debianPackage + ")");
    }

    /** {@code curl -sS ARGS} in {@code workDir}, at most 60 s; skips the test when curl is missing. */
    public static Result curl(Path workDir, String... args) throws java.io.IOException, InterruptedException {
        require("curl", "curl");
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS"));
        command.addAll(List.of(args));
        return run(workDir, 60, command);
    }

    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The tool's exit code and everything it printed. */
    public record Result(int code, String output) {
    }

    /** Runs a command with a hard timeout; kills it if it overruns. */
    public static Result run(Duration timeout, List<String> command) throws java.io.IOException, InterruptedException {
        return run(null, timeout, command);
    }

    /** Runs a command in {@code workDir} with a hard timeout of {@code seconds}. */
    public static Result run(Path workDir, long seconds, String... command) throws java.io.IOException, InterruptedException {
        return run(workDir, Duration.ofSeconds(seconds), List.of(command));
    }

    public static Result run(Path workDir, long seconds, List<String> command) throws java.io.IOException, InterruptedException {
        return run(workDir, Duration.ofSeconds(seconds), command);
    }

    private static Result run(Path workDir, Duration timeout, List<String> command) throws java.io.IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Process p = builder.start();
        var out = new java.io.ByteArrayOutputStream();
        Thread pump = Thread.ofPlatform().daemon().start(() -> {
            try (var in = p.getInputStream()) {
                in.transferTo(out);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            pump.join(2000);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n" + out);
        }
        pump.join(5000);
        return new Result(p.exitValue(), out.toString());
    }
}
