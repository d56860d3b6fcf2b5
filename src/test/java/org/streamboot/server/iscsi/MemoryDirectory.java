package org.streamboot.server.iscsi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.streamboot.server.block.MemoryDevice;

/**
 * A test directory: named targets over base images, each initiator getting its own copy (its
 * "write cache"), an optional allow-list per target and optional CHAP secrets.
 */
final class MemoryDirectory implements TargetDirectory {

    private final Map<String, byte[]> bases = new LinkedHashMap<>();
    private final Map<String, Set<String>> allowed = new ConcurrentHashMap<>();
    private final Map<String, ChapCredentials> chap = new ConcurrentHashMap<>();
    private final Map<String, MemoryScsiTarget> views = new ConcurrentHashMap<>();
    final AtomicInteger released = new AtomicInteger();

    MemoryDirectory target(String name, byte[] base) {
        bases.put(name, base);
        return this;
    }

    MemoryDirectory allow(String target, String... initiators) {
        allowed.put(target, Set.of(initiators));
        return this;
    }

    MemoryDirectory chap(String initiator, ChapCredentials credentials) {
        chap.put(initiator, credentials);
        return this;
    }

    /** The view an initiator has of a target (created at its first login). */
    MemoryScsiTarget view(String initiator, String target) {
        return views.get(initiator + "|" + target);
    }

    @Override
    public List<String> targetNames() {
        return new ArrayList<>(bases.keySet());
    }

    @Override
    public Outcome open(String initiatorName, String targetName) {
        byte[] base = bases.get(targetName);
        if (base == null) {
            return new Refused(Reason.UNKNOWN_TARGET, "no target " + targetName);
        }
        Set<String> who = allowed.get(targetName);
        if (who != null && !who.contains(initiatorName)) {
            return new Refused(Reason.NOT_ALLOWED, initiatorName + " may not use " + targetName);
        }
        MemoryScsiTarget view = views.computeIfAbsent(initiatorName + "|" + targetName,
                k -> new MemoryScsiTarget(new MemoryDevice(base, false)));
        return new Granted(view, released::incrementAndGet);
    }

    @Override
    public Optional<ChapCredentials> chapCredentials(String initiatorName) {
        return Optional.ofNullable(chap.get(initiatorName));
    }
}
