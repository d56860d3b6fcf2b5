package org.streamboot.server.http;

import java.util.Optional;

/**
 * What the HTTP service answers, by path. The boot path issue adds {@code /boot/{mac}.ipxe};
 * everything here is answered without disk or database work on the event loop.
 */
public interface HttpRoutes {

    /** A text answer: status, content type, body. */
    record Reply(int status, String contentType, String body) {
        public static Reply text(int status, String body) {
            return new Reply(status, "text/plain; charset=utf-8", body);
        }
    }

    Optional<Reply> get(String path);

    /** Only the health check: {@code GET /health} answers "ok" while the server runs. */
    HttpRoutes HEALTH_ONLY = path -> path.equals("/health") ? Optional.of(Reply.text(200, "ok\n")) : Optional.empty();
}
