package org.streamboot.server.boot;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.streamboot.server.http.HttpRoutes;
import org.streamboot.server.model.MacAddress;

/**
 * {@code GET /boot/{mac}.ipxe}: the per-client iPXE script. iPXE expands {@code ${mac}} to the
 * colon form; hyphens and bare hex are accepted too. The database lookup runs on the given
 * executor, never on the event loop.
 */
public final class BootScriptRoute implements HttpRoutes {

    private static final Pattern PATH = Pattern.compile("/boot/([^/]{1,40})\\.ipxe");
    private static final String IPXE_SCRIPT = "text/plain; charset=utf-8";

    /** The port numbers (as bound) and timings scripts name; the address comes from each request. */
    public record Ports(int iscsiPort, int httpPort, int menuTimeoutSeconds, int retrySeconds) {
    }

    private final BootDirectory directory;
    private final Supplier<RegistrationPolicy> policy;
    private final Supplier<Ports> ports;
    private final Executor executor;
    private final BiConsumer<BootPlan, InetSocketAddress> served;

    /** @param served told about every plan a script was written for, and who asked (boot events) */
    public BootScriptRoute(BootDirectory directory, Supplier<RegistrationPolicy> policy, Supplier<Ports> ports, Executor executor,
                           BiConsumer<BootPlan, InetSocketAddress> served) {
        this.directory = directory;
        this.policy = policy;
        this.ports = ports;
        this.executor = executor;
        this.served = served;
    }

    @Override
    public CompletableFuture<Optional<Reply>> get(Request request) {
        Matcher m = PATH.matcher(request.path());
        if (!m.matches()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        MacAddress mac;
        try {
            mac = MacAddress.parse(m.group(1));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Optional.of(Reply.text(400, e.getMessage() + "\n")));
        }
        String server = request.local().getAddress().getHostAddress();
        Ports p = ports.get();
        IpxeScript.Settings settings = new IpxeScript.Settings(server, p.iscsiPort(), p.httpPort(),
                p.menuTimeoutSeconds(), p.retrySeconds());
        return CompletableFuture.supplyAsync(() -> {
            BootPlan plan = directory.planFor(mac, policy.get());
            served.accept(plan, request.remote());
            return Optional.of(new Reply(200, IPXE_SCRIPT, IpxeScript.render(plan, settings)));
        }, executor);
    }
}
