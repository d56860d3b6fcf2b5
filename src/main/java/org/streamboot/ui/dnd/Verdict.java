package org.streamboot.ui.dnd;

/** Whether a drop fits, and if not, why, in words shown next to the pointer. */
public record Verdict(boolean accepted, String reason) {

    public static final Verdict OK = new Verdict(true, "");

    public static Verdict refuse(String reason) {
        return new Verdict(false, reason);
    }
}
