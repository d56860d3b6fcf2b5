package org.streamboot.server.http;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a faulty listener from breaking a response: its exceptions are logged and dropped. */
final class GuardedFileListener implements HttpFileListener {

    private static final Logger log = LoggerFactory.getLogger(GuardedFileListener.class);
    private final HttpFileListener delegate;

    GuardedFileListener(HttpFileListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void sent(Download download) {
        guard(() -> delegate.sent(download));
    }

    @Override
    public void failed(Download download, String reason) {
        guard(() -> delegate.failed(download, reason));
    }

    @Override
    public void refused(InetSocketAddress client, String file, int status, String reason) {
        guard(() -> delegate.refused(client, file, status, reason));
    }

    private static void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("HTTP file listener failed; the response goes on", e);
        }
    }
}
