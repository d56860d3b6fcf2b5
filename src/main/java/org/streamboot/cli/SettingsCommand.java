package org.streamboot.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.streamboot.server.admin.AdminException;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.NetworkSettings;
import org.streamboot.server.config.Setting;
import org.streamboot.server.config.SettingsStore;
import org.streamboot.server.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamboot settings list|set|reset}: the admin's settings, kept in the database. */
@Command(name = "settings", description = "Show and change settings (registration policy and name pattern, UEFI binary, cache sizes).",
        subcommands = {SettingsCommand.ListSettings.class, SettingsCommand.Set.class, SettingsCommand.Reset.class})
final class SettingsCommand {

    static Setting known(String key) {
        return Setting.byKey(key).orElseThrow(() -> new AdminException("there is no setting '" + key + "'; known: "
                + String.join(", ", java.util.Arrays.stream(Setting.values()).map(s -> s.key).toList())));
    }

    @Command(name = "list", description = "List every setting with its value.")
    static final class ListSettings implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Spec CommandSpec spec;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Database db = Database.open(dir.resolve())) {
                SettingsStore store = new SettingsStore(db);
                List<List<String>> rows = new ArrayList<>();
                Map<String, String> values = new LinkedHashMap<>();
                for (Setting s : Setting.values()) {
                    String value = store.get(s.key).orElse(s.defaultValue);
                    values.put(s.key, value);
                    rows.add(List.of(s.key, value, s.description));
                }
                if (json) {
                    Output.json(spec.commandLine().getOut(), values);
                } else {
                    Output.table(spec.commandLine().getOut(), List.of("SETTING", "VALUE", "MEANING"), rows);
                }
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Change a setting.")
    static final class Set implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Parameters(index = "0", paramLabel = "KEY") String key;
        @Parameters(index = "1", paramLabel = "VALUE") String value;

        @Override
        public Integer call() {
            Setting setting = known(key);
            String checked;
            try {
                checked = setting.validate(value);
            } catch (IllegalArgumentException e) {
                throw new AdminException(setting.key + ": " + e.getMessage());
            }
            try (Database db = Database.open(dir.resolve())) {
                SettingsStore store = new SettingsStore(db);
                refuseConflict(store, setting, checked);
                store.put(setting.key, checked);
            }
            return 0;
        }
    }

    /** Settings that only make sense together are checked together, as the console's dialog does. */
    private static void refuseConflict(SettingsStore store, Setting changed, String value) {
        String mode = changed == Setting.DHCP_MODE ? value : store.get(Setting.DHCP_MODE.key).orElse(Setting.DHCP_MODE.defaultValue);
        Optional<String> range = changed == Setting.DHCP_RANGE ? Optional.of(value) : store.get(Setting.DHCP_RANGE.key);
        NetworkSettings.conflict(DhcpMode.valueOf(mode.toUpperCase(Locale.ROOT)), range).ifPresent(why -> {
            throw new AdminException(why + " (set dhcp.range first)");
        });
    }

    @Command(name = "reset", description = "Return a setting to its default.")
    static final class Reset implements Callable<Integer> {
        @Mixin DataDirOption dir;
        @Parameters(paramLabel = "KEY") String key;

        @Override
        public Integer call() {
            Setting setting = known(key);
            try (Database db = Database.open(dir.resolve())) {
                SettingsStore store = new SettingsStore(db);
                if (setting == Setting.DHCP_RANGE) {
                    refuseConflict(store, setting, "");
                }
                store.remove(setting.key);
            }
            return 0;
        }
    }
}
