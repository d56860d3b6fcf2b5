package org.streamboot.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One admin command run in-process on a data directory, as a script would see it. */
record AdminRun(int code, String out, String err) {

    static AdminRun of(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        String[] argv = all.toArray(String[]::new);
        CommandLine cl = StreambootCli.commandLine((config, raw, demo) -> {
            throw new AssertionError("the console must not open from an admin command");
        }, argv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new AdminRun(cl.execute(argv), out.toString(), err.toString());
    }
}
