package org.streamboot.server.tftp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real client program with a time limit; tests skip when the program is not installed. */
final class ExternalTool {

    record Result(int exitCode, String output) {
    }

    private ExternalTool() {
    }

    static void require(String program, String debianPackage) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                found = true;
                break;
            }
        }
        assumeTrue(found, program + " is not installed; skipping (apt-get install " + debianPackage + ")");
    }

    static Process start(Path workDir, Path log, List<String> command) throws IOException {
        return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    static Result await(Process process, Path log, long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("timed out after " + seconds + " s: " + process.info().commandLine().orElse("?")
                    + "\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    static Result run(Path workDir, long seconds, String... command) throws Exception {
        Path log = Files.createTempFile(workDir, "tool", ".log");
        return await(start(workDir, log, List.of(command)), log, seconds);
    }
}
