package org.streamboot.ui.actions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** An image import running in the background: its outcome and a way to stop it. */
public final class ImportJob {

    private final String vdisk;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CompletableFuture<Done> result = new CompletableFuture<>();

    ImportJob(String vdisk) {
        this.vdisk = vdisk;
    }

    public String vdisk() {
        return vdisk;
    }

    /** Asks the copy to stop at its next chunk; the half-written vDisk is removed. */
    public void cancel() {
        cancelled.set(true);
    }

    boolean isCancelled() {
        return cancelled.get();
    }

    public CompletableFuture<Done> result() {
        return result;
    }
}
