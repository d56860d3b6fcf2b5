package org.streamboot.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real client program with a time limit; tests skip when the program is not installed. */
public final class ExternalTools {

    public record Result(int exitCode, String output) {
    }

    private ExternalTools() {
    }

    public static boolean installed(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    public static void require(String program, String debianPackage) {
        assumeTrue(installed(program), program + " is not installed; skipping (apt-get install " + debianPackage + ")");
    }

    /** Runs the command in {@code workDir}, killing it (by its own PID) after {@code seconds}. */
    public static Result run(Path workDir, long seconds, String... command) throws Exception {
        return run(workDir, seconds, List.of(command));
    }

    public static Result run(Path workDir, long seconds, List<String> command) throws Exception {
        Path log = Files.createTempFile(workDir, "tool", ".log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out after " + seconds + " s: " + String.join(" ", command) + "\n"
                        + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
    }
}
