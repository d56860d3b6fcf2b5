package org.streamboot.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one host program with a hard time limit and returns what it printed. */
final class HostCommand {

    private HostCommand() {
    }

    /** Runs {@code command}; a non-zero exit or a timeout fails with the program's output. */
    static String run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        return run(timeoutSeconds, null, command);
    }

    static String run(long timeoutSeconds, Path workDir, String... command) throws IOException, InterruptedException {
        Result r = tryRun(timeoutSeconds, workDir, command);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + r.exitCode() + ":\n" + r.output());
        }
        return r.output();
    }

    record Result(int exitCode, String output) {
    }

    /** Runs {@code command} and reports its exit code instead of failing (cleanup steps). */
    static Result tryRun(long timeoutSeconds, Path workDir, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("streamboot-e2e-cmd", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        // Debian's PATH for a non-login root shell may lack the sbin directories.
        return List.of("/usr/sbin", "/sbin").stream().anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
