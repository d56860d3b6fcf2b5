package org.streamboot.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.streamboot.server.model.VdiskVersion;
import org.streamboot.server.vdisk.ImportException;
import org.streamboot.server.vdisk.VdiskVersions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code streamboot vdisk maintain|promote|discard|rollback|merge|versions}: a vDisk's
 * versions. Safe while a server runs on the same data directory: running clients keep the
 * version they booted; merge waits for them to be shut down.
 */
final class VdiskVersionCommands {

    private VdiskVersionCommands() {
    }

    static final List<String> HEADER = List.of("VERSION", "PARENT", "STATE", "FILE", "CREATED", "NOTE");

    /** "v1 v2(retired) v3 v4(draft)": a vDisk's versions on one table cell. */
    static String summary(List<VdiskVersion> versions) {
        return versions.stream().map(v -> "v" + v.number()
                + (v.state() == VdiskVersion.VersionState.ACTIVE ? "" : "(" + v.state().name().toLowerCase() + ")"))
                .collect(Collectors.joining(" "));
    }

    private static VdiskVersions versions(VdiskCommand.StoreSession s) {
        return new VdiskVersions(s.db, s.store.layout(), Clock.systemUTC());
    }

    private static void print(CommandSpec spec, List<VdiskVersion> versions, boolean json) {
        if (json) {
            Output.json(spec.commandLine().getOut(), versions);
            return;
        }
        Output.table(spec.commandLine().getOut(), HEADER, versions.stream().map(v -> List.of(
                Integer.toString(v.number()), v.parentNumber() == 0 ? "" : Integer.toString(v.parentNumber()),
                v.state().name().toLowerCase(), v.file(), Instant.ofEpochMilli(v.createdAt()).toString(), v.note())).toList());
    }

    @Command(name = "versions", description = "List a vDisk's versions.")
    static final class ListVersions implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (var s = new VdiskCommand.StoreSession(dir)) {
                print(spec, versions(s).list(name), json);
            }
            return 0;
        }
    }

    @Command(name = "maintain", description = "Maintenance mode: one client writes a new draft version; others keep"
            + " booting the current one.")
    static final class Maintain implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--client", required = true, paramLabel = "CLIENT",
                description = "The client that writes the draft (the vDisk must be assigned to it)") String client;

        @Override
        public Integer call() throws IOException {
            try (var s = new VdiskCommand.StoreSession(dir)) {
                VdiskVersion draft = versions(s).maintain(name, client);
                spec.commandLine().getOut().printf("%s: draft v%d over v%d, written by %s at its next boot%n", name,
                        draft.number(), draft.parentNumber(), client);
            }
            return 0;
        }
    }

    @Command(name = "promote", description = "The draft becomes the current version (clients get it at their next boot).")
    static final class Promote implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() throws IOException {
            try (var s = new VdiskCommand.StoreSession(dir)) {
                VdiskVersion v = versions(s).promote(name);
                spec.commandLine().getOut().printf("%s: v%d is current%n", name, v.number());
            }
            return 0;
        }
    }

    @Command(name = "discard", description = "Throw the draft away and leave maintenance mode.")
    static final class Discard implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() throws IOException {
            try (var s = new VdiskCommand.StoreSession(dir)) {
                versions(s).discardDraft(name);
            }
            return 0;
        }
    }

    @Command(name = "rollback", description = "Go back to the previous version; the current one is retired.")
    static final class Rollback implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try (var s = new VdiskCommand.StoreSession(dir)) {
                VdiskVersion v = versions(s).rollback(name);
                spec.commandLine().getOut().printf("%s: v%d is current%n", name, v.number());
            }
            return 0;
        }
    }

    @Command(name = "merge", description = "Offline: flatten the current version into a new base, the only version"
            + " (refused while clients have the vDisk open).")
    static final class Merge implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() throws IOException, ImportException {
            ShutdownSignal interrupt = new ShutdownSignal(); // Ctrl+C cancels and removes the partial file
            ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getErr(), System.console() != null,
                    "Merging");
            try (var s = new VdiskCommand.StoreSession(dir)) {
                VdiskVersion v = versions(s).merge(name, progress, interrupt::received);
                progress.done();
                spec.commandLine().getOut().printf("%s: merged into v%d (%s)%n", name, v.number(), v.file());
            }
            return 0;
        }
    }

    /** The table cell for {@code vdisk list}. */
    static String summary(VdiskCommand.StoreSession s, String vdisk) {
        return summary(versions(s).list(vdisk));
    }
}
