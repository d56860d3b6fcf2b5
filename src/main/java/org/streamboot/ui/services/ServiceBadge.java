package org.streamboot.ui.services;

/**
 * One service as the services bar shows it.
 *
 * @param name    "DHCP", "TFTP", …
 * @param text    the visible line: where it listens, or what is wrong in a few words
 * @param tooltip the whole story, e.g. the full reason a bind failed and what to do about it
 */
public record ServiceBadge(String name, ServiceTone tone, String text, String tooltip) {
}
