package org.streamboot.server.tftp;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a faulty listener from breaking a transfer: its exceptions are logged and dropped. */
final class GuardedListener implements TftpTransferListener {

    private static final Logger log = LoggerFactory.getLogger(GuardedListener.class);
    private final TftpTransferListener delegate;

    GuardedListener(TftpTransferListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void started(Transfer transfer) {
        guard(() -> delegate.started(transfer));
    }

    @Override
    public void progress(Transfer transfer, Progress progress) {
        guard(() -> delegate.progress(transfer, progress));
    }

    @Override
    public void finished(Transfer transfer, Progress progress) {
        guard(() -> delegate.finished(transfer, progress));
    }

    @Override
    public void sizeProbed(Transfer transfer, String clientMessage) {
        guard(() -> delegate.sizeProbed(transfer, clientMessage));
    }

    @Override
    public void failed(Transfer transfer, Progress progress, String reason) {
        guard(() -> delegate.failed(transfer, progress, reason));
    }

    @Override
    public void refused(InetSocketAddress client, String file, String reason) {
        guard(() -> delegate.refused(client, file, reason));
    }

    private static void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("TFTP transfer listener failed; transfer goes on", e);
        }
    }
}
