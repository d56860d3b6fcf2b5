package org.streamboot.server.vdisk;

/** A client may not open a vDisk; carries the reason for the protocol's refusal. */
public final class SessionRefusedException extends Exception {

    private final SessionRefusal refusal;

    public SessionRefusedException(SessionRefusal.Reason reason, String message) {
        super(message);
        this.refusal = new SessionRefusal(reason, message);
    }

    public SessionRefusal refusal() {
        return refusal;
    }
}
