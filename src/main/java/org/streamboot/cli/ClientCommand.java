package org.streamboot.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.streamboot.server.admin.Views.ClientView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamboot client add|list|remove|move|approve|chap|reserve|uefi-binary}. */
@Command(name = "client", description = "Register and list the PCs that boot from Streamboot.",
        subcommands = {ClientCommand.Add.class, ClientCommand.ListClients.class, ClientCommand.Remove.class,
                ClientCommand.Move.class, ClientCommand.Approve.class, ClientCommand.Chap.class,
                ClientBootCommands.Reserve.class, ClientBootCommands.UefiBinary.class})
final class ClientCommand {

    private static final DateTimeFormatter SEEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    static final List<String> HEADER = List.of("NAME", "MAC", "GROUP", "STATE", "FIRMWARE", "IP", "LAST SEEN", "VDISKS", "INITIATOR IQN");

    static List<String> row(ClientView c) {
        String vdisks = c.vdisks().stream().map(v -> v.equals(c.defaultVdisk()) && c.vdisks().size() > 1 ? v + "*" : v)
                .reduce((a, b) -> a + ", " + b).orElse("");
        return List.of(c.name(), c.mac(), nullToEmpty(c.group()), c.registration(), c.firmware().toLowerCase(),
                nullToEmpty(c.lastIp()), c.lastSeenAt() == 0 ? "never" : SEEN.format(Instant.ofEpochMilli(c.lastSeenAt())),
                vdisks, c.iqn());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Command(name = "add", description = "Register a PC by its MAC address.")
    static final class Add implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Option(names = "--mac", required = true, paramLabel = "MAC", description = "The PC's MAC address, e.g. 52:54:00:12:34:56")
        String mac;
        @Option(names = "--name", paramLabel = "NAME", description = "Host name (default: the next free pc-NN)")
        String name;
        @Option(names = "--group", paramLabel = "GROUP", description = "Put the PC into this group")
        String group;
        @Option(names = "--iqn", paramLabel = "IQN", description = "iSCSI initiator name (default: derived from the MAC)")
        String iqn;
        @Option(names = "--json", description = "Print JSON")
        boolean json;

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                ClientView added = s.admin().addClient(mac, name, group, iqn);
                if (json) {
                    Output.json(spec.commandLine().getOut(), added);
                } else {
                    Output.table(spec.commandLine().getOut(), HEADER, List.of(row(added)));
                }
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the registered PCs.")
    static final class ListClients implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Option(names = "--json", description = "Print JSON")
        boolean json;

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                List<ClientView> all = s.admin().clients();
                if (json) {
                    Output.json(spec.commandLine().getOut(), all);
                } else {
                    Output.table(spec.commandLine().getOut(), HEADER, all.stream().map(ClientCommand::row).toList());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Forget a PC and its assignments.")
    static final class Remove implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                s.admin().removeClient(name);
            }
            return 0;
        }
    }

    @Command(name = "move", description = "Move a PC into a group, or out of its group with --no-group.")
    static final class Move implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Parameters(paramLabel = "NAME") String name;
        @ArgGroup(multiplicity = "1") Destination to;

        static final class Destination {
            @Option(names = "--group", paramLabel = "GROUP") String group;
            @Option(names = "--no-group") boolean none;
        }

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                s.admin().moveClient(name, to.none ? null : to.group);
            }
            return 0;
        }
    }

    @Command(name = "approve", description = "Let a PC that is waiting for approval boot.")
    static final class Approve implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                s.admin().approveClient(name);
            }
            return 0;
        }
    }

    @Command(name = "chap", description = "Require CHAP at the PC's iSCSI login (CHAP name: its initiator name), or stop requiring it.")
    static final class Chap implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Parameters(paramLabel = "NAME") String name;
        @ArgGroup(multiplicity = "1") Secret secret;

        static final class Secret {
            @Option(names = "--secret", paramLabel = "SECRET", description = "12 to 255 printable characters") String value;
            @Option(names = "--off", description = "Log in without CHAP") boolean off;
        }

        @Override
        public Integer call() {
            try (AdminSession s = new AdminSession(dir)) {
                s.admin().setChapSecret(name, secret.off ? null : secret.value);
            }
            return 0;
        }
    }
}
