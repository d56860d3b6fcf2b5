package org.streamboot.server.boot;

import java.util.Locale;
import java.util.Optional;
import org.streamboot.server.config.Setting;

/** What happens when a PC the database does not know asks to boot. */
public enum RegistrationPolicy {
    /** Register it under the next free name of the name pattern and let it boot its vDisk. */
    AUTO,
    /** Register it as pending: it boots nothing, its screen says it waits, until the admin approves it. */
    APPROVE,
    /** Do not answer it at all, not even over DHCP: only PCs the admin added boot. */
    IGNORE;

    public static final String SETTING = Setting.REGISTRATION_POLICY.key;

    /** The value as stored in the setting. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a stored setting, accepting the spellings of earlier releases ({@code approval},
     * {@code known_only}); anything unreadable means the default, {@link #AUTO}.
     */
    public static RegistrationPolicy fromSetting(Optional<String> stored) {
        return stored.map(v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "approve", "approval" -> APPROVE;
            case "ignore", "known_only" -> IGNORE;
            default -> AUTO;
        }).orElse(AUTO);
    }
}
