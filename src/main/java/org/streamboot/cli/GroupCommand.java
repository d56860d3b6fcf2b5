package org.streamboot.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.streamboot.server.admin.Views.GroupView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamboot group add|list|remove}. */
@Command(name = "group", description = "Groups of PCs (rooms) that share vDisk assignments.",
        subcommands = {GroupCommand.Add.class, GroupCommand.ListGroups.class, GroupCommand.Remove.class})
final class GroupCommand {

    static final List<String> HEADER = List.of("NAME", "CLIENTS", "VDISKS", "DEFAULT");

    static List<String> row(GroupView g) {
        return List.of(g.name(), Integer.toString(g.clients()), Output.list(g.vdisks()), g.defaultVdisk() == null ? "" : g.defaultVdisk());
    }

    @Command(name = "add", description = "Create a group.")
    static final class Add implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                GroupView g = s.admin().addGroup(name);
                if (json) {
                    Output.json(spec.commandLine().getOut(), g);
                } else {
                    Output.table(spec.commandLine().getOut(), HEADER, List.of(row(g)));
                }
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the groups.")
    static final class ListGroups implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                List<GroupView> all = s.admin().groups();
                if (json) {
                    Output.json(spec.commandLine().getOut(), all);
                } else {
                    Output.table(spec.commandLine().getOut(), HEADER, all.stream().map(GroupCommand::row).toList());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Delete a group; its PCs stay, without a group.")
    static final class Remove implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                s.admin().removeGroup(name);
            }
            return 0;
        }
    }
}
