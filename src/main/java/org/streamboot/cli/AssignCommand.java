package org.streamboot.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.streamboot.server.admin.Views.AssignmentView;
import org.streamboot.server.admin.Who;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code streamboot assign} and {@code streamboot unassign}. */
final class AssignCommand {

    private AssignCommand() {
    }

    /** Exactly one of --client / --group. */
    static final class Receiver {
        @Option(names = "--client", paramLabel = "NAME", description = "A PC, by name") String client;
        @Option(names = "--group", paramLabel = "NAME", description = "Every PC of a group") String group;

        Who who() {
            return client != null ? new Who.Client(client) : new Who.Group(group);
        }
    }

    @Command(name = "assign", description = "Offer a vDisk to a PC or to a group (the first one becomes the default).")
    static final class Assign implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @ArgGroup(multiplicity = "1") Receiver to;
        @Option(names = "--vdisk", required = true, paramLabel = "NAME") String vdisk;
        @Option(names = "--default", description = "Make it the one that boots when nobody chooses") boolean makeDefault;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                AssignmentView a = s.admin().assign(to.who(), vdisk, makeDefault);
                if (json) {
                    Output.json(spec.commandLine().getOut(), a);
                } else {
                    Output.table(spec.commandLine().getOut(), List.of("TO", "VDISK", "DEFAULT", "MENU POSITION"),
                            List.of(List.of(a.to(), a.vdisk(), a.isDefault() ? "yes" : "no", Integer.toString(a.position() + 1))));
                }
            }
            return 0;
        }
    }

    @Command(name = "unassign", description = "Withdraw a vDisk from a PC or a group.")
    static final class Unassign implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @ArgGroup(multiplicity = "1") Receiver from;
        @Option(names = "--vdisk", required = true, paramLabel = "NAME") String vdisk;

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                s.admin().unassign(from.who(), vdisk);
            }
            return 0;
        }
    }
}
