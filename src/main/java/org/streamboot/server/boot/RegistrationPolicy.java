package org.streamboot.server.boot;

/** What happens when a PC the database does not know asks for its boot script. */
public enum RegistrationPolicy {
    /** Register it under the next free pc-NN name and let it boot its group's or the default vDisk. */
    AUTO,
    /** Register it as pending: it waits, showing a message, until the admin approves it. */
    APPROVAL,
    /** Ignore it: only PCs the admin added boot. */
    KNOWN_ONLY;

    public static final String SETTING = org.streamboot.server.config.Setting.REGISTRATION_POLICY.key;
}
