package org.streamboot.server.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the HTTP service answers, by path. Answers are futures: a route that needs the database
 * or the disk completes them from an executor, and the handler writes the reply when they do,
 * so the event loop never waits.
 */
public interface HttpRoutes {

    /** @param local the server address the client connected to: the one to name in scripts */
    record Request(String path, InetSocketAddress local, InetSocketAddress remote) {
    }

    /** A text answer: status, content type, body. */
    record Reply(int status, String contentType, String body) {
        public static Reply text(int status, String body) {
            return new Reply(status, "text/plain; charset=utf-8", body);
        }
    }

    /** Empty when this route does not serve the path. */
    CompletableFuture<Optional<Reply>> get(Request request);

    /** {@code GET /health} answers "ok" while the server runs. */
    HttpRoutes HEALTH = request -> CompletableFuture.completedFuture(
            request.path().equals("/health") ? Optional.of(Reply.text(200, "ok\n")) : Optional.empty());

    /** Tries routes in order; the first that serves the path answers. */
    static HttpRoutes firstOf(List<HttpRoutes> routes) {
        return request -> tryFrom(routes, 0, request);
    }

    private static CompletableFuture<Optional<Reply>> tryFrom(List<HttpRoutes> routes, int index, Request request) {
        if (index == routes.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return routes.get(index).get(request)
                .thenCompose(reply -> reply.isPresent() ? CompletableFuture.completedFuture(reply) : tryFrom(routes, index + 1, request));
    }
}
