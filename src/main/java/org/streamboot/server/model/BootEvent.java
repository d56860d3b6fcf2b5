package org.streamboot.server.model;

/**
 * One step a client took (or failed to take) while booting, as the console's timeline and
 * the diagnosis show it.
 *
 * @param mac    the client's MAC; null when the event concerns the server as a whole
 * @param detail a plain-words sentence: what happened, and for failures why
 */
public record BootEvent(long at, MacAddress mac, BootStage stage, Severity severity, String detail) {

    public enum Severity {
        INFO, WARNING, ERROR
    }
}
