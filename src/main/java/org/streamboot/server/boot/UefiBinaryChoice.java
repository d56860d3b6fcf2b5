package org.streamboot.server.boot;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.streamboot.server.boot.FirmwareBootPolicy.UefiBinary;
import org.streamboot.server.model.MacAddress;

/**
 * Which iPXE build a UEFI PXE client gets: its own choice ({@code client uefi-binary}), else the
 * server's {@code boot.uefi-binary} setting. Both are read per request, so a change made in the
 * console or the CLI applies at the PC's next boot without a restart. Blocking: the DHCP engine
 * asks its policy off the event loop.
 */
public final class UefiBinaryChoice implements Function<MacAddress, UefiBinary> {

    private final Function<MacAddress, Optional<String>> perClient;
    private final Supplier<Optional<String>> setting;

    /** Both in the setting's stored form ({@code ipxe_efi}, {@code snponly_efi}). */
    public UefiBinaryChoice(Function<MacAddress, Optional<String>> perClient, Supplier<Optional<String>> setting) {
        this.perClient = Objects.requireNonNull(perClient, "perClient");
        this.setting = Objects.requireNonNull(setting, "setting");
    }

    @Override
    public UefiBinary apply(MacAddress mac) {
        return perClient.apply(mac).flatMap(UefiBinaryChoice::parse)
                .or(() -> setting.get().flatMap(UefiBinaryChoice::parse))
                .orElse(UefiBinary.IPXE_EFI);
    }

    private static Optional<UefiBinary> parse(String stored) {
        try {
            return Optional.of(UefiBinary.valueOf(stored.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
