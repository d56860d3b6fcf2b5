package org.streamboot.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.streamboot.server.admin.ClientBootOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamboot client reserve|uefi-binary}: a PC's own boot options. */
final class ClientBootCommands {

    private static final List<String> HEADER = List.of("NAME", "MAC", "RESERVED IP", "UEFI BINARY");

    private ClientBootCommands() {
    }

    private static void print(CommandSpec spec, boolean json, ClientBootOptions.View view) {
        if (json) {
            Output.json(spec.commandLine().getOut(), view);
        } else {
            Output.table(spec.commandLine().getOut(), HEADER, List.of(List.of(view.client(), view.mac(),
                    view.reservedIp() == null ? "(from the range)" : view.reservedIp(),
                    view.uefiBinary() == null ? "(server setting)" : view.uefiBinary())));
        }
    }

    private static void exclusive(CommandSpec spec, String value, boolean flag, String what) {
        if (value != null && flag) {
            throw new ParameterException(spec.commandLine(), "give " + what + ", not both");
        }
    }

    @Command(name = "reserve", description = {"Give a PC the same address every time in full DHCP mode, or with",
            "--clear let it take any address of the range. With neither, show its reservation."})
    static final class Reserve implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", arity = "0..1", paramLabel = "IP", description = "IPv4 address, e.g. 192.168.1.57") String ip;
        @Option(names = "--clear", description = "Remove the reservation") boolean clear;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            exclusive(spec, ip, clear, "an IP address or --clear");
            try (AdminSession s = new AdminSession(dir)) {
                ClientBootOptions options = s.bootOptions();
                ClientBootOptions.View view = clear ? options.clearReservation(name)
                        : ip == null ? options.of(name) : options.reserve(name, ip);
                print(spec, json, view);
            }
            return 0;
        }
    }

    @Command(name = "uefi-binary", description = {"Choose the iPXE program this PC gets when it PXE-boots in UEFI mode:",
            "ipxe_efi (iPXE's own NIC drivers) or snponly_efi (the firmware's network driver, for NICs iPXE",
            "does not know); --default follows the server's boot.uefi-binary setting. With neither, show it."})
    static final class UefiBinary implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", arity = "0..1", paramLabel = "BINARY", description = "ipxe_efi or snponly_efi") String binary;
        @Option(names = "--default", description = "Use the server's setting") boolean serverDefault;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            exclusive(spec, binary, serverDefault, "a binary or --default");
            try (AdminSession s = new AdminSession(dir)) {
                ClientBootOptions options = s.bootOptions();
                ClientBootOptions.View view = serverDefault ? options.setUefiBinary(name, null)
                        : binary == null ? options.of(name) : options.setUefiBinary(name, binary);
                print(spec, json, view);
            }
            return 0;
        }
    }
}
