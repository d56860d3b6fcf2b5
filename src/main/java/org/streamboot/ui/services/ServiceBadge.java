package org.streamboot.ui.services;

/**
 * One service as the services bar shows it.
 *
 * @param name    "DHCP", "TFTP", …
 * @param tag     a state word beside the name ("FAILED", "OFF"), empty while running normally
 * @param text    the visible line: where it listens, or what is wrong in a few words
 * @param tooltip the whole story, e.g. the full reason a bind failed and what to do about it
 */
public record ServiceBadge(String name, ServiceTone tone, String tag, String text, String tooltip) {
}
