package org.streamboot.server.model;

/** Whether an admin let a client in: unknown PCs may be held as PENDING by policy. */
public enum RegistrationState {
    APPROVED, PENDING, REJECTED
}
