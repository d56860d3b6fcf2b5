package org.streamboot.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.streamboot.server.admin.Views.VdiskView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code streamboot vdisk list}. */
@Command(name = "vdisk", description = "Virtual disks that PCs boot from.", subcommands = {VdiskCommand.ListVdisks.class})
final class VdiskCommand {

    static final List<String> HEADER = List.of("NAME", "MODE", "SIZE", "VERSION", "VERSIONS", "ASSIGNED TO");

    static List<String> row(VdiskView v) {
        return List.of(v.name(), v.mode() + (v.persistent() ? " (persistent)" : ""), Output.bytes(v.sizeBytes()),
                v.currentVersion() == 0 ? "" : Integer.toString(v.currentVersion()), Integer.toString(v.versions()),
                Output.list(v.assignedTo()));
    }

    @Command(name = "list", description = "List the vDisks.")
    static final class ListVdisks implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                List<VdiskView> all = s.admin().vdisks();
                if (json) {
                    Output.json(spec.commandLine().getOut(), all);
                } else {
                    Output.table(spec.commandLine().getOut(), HEADER, all.stream().map(VdiskCommand::row).toList());
                }
            }
            return 0;
        }
    }
}
