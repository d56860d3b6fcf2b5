package org.streamboot.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files taken out of Debian packages without installing them: {@code apt-get download} and
 * {@code dpkg-deb}, cached under {@code target/e2e-cache} so that only the first test pays.
 * The kernel is never installed on the host (it would change the machine's boot set-up), and
 * busybox-static conflicts with the busybox package other tests use.
 */
final class DebianPackages {

    static final Path CACHE = Path.of("target", "e2e-cache").toAbsolutePath();

    private DebianPackages() {
    }

    /** The versioned kernel package the {@code linux-image-amd64} metapackage names, e.g. linux-image-6.1.0-56-amd64. */
    static String currentKernelPackage() throws IOException, InterruptedException {
        String depends = HostCommand.run(60, "apt-cache", "depends", "linux-image-amd64");
        return depends.lines().map(String::strip).filter(l -> l.startsWith("Depends: linux-image-"))
                .map(l -> l.substring("Depends: ".length())).findFirst()
                .orElseThrow(() -> new IOException("apt-cache names no kernel for linux-image-amd64:\n" + depends));
    }

    /**
     * The members of {@code pkg} matching the tar {@code patterns}, extracted once into
     * {@code target/e2e-cache/PKG}; returns that directory.
     */
    static Path extract(String pkg, String... patterns) throws IOException, InterruptedException {
        Path dir = CACHE.resolve(pkg);
        Path done = dir.resolve(".extracted");
        // Several images take different members of one package (the kernel): extract what is missing.
        List<String> have = Files.exists(done) ? Files.readAllLines(done) : List.of();
        if (have.containsAll(List.of(patterns))) {
            return dir;
        }
        Path download = Files.createDirectories(CACHE.resolve("downloads"));
        try (Stream<Path> old = Files.list(download)) {
            boolean downloaded = old.anyMatch(p -> p.getFileName().toString().startsWith(pkg + "_"));
            if (!downloaded) {
                // -o APT::Sandbox::User=root: the _apt user cannot write into target/.
                HostCommand.run(600, download, "apt-get", "download", "-o", "APT::Sandbox::User=root", pkg);
            }
        }
        Path deb;
        try (Stream<Path> files = Files.list(download)) {
            deb = files.filter(p -> p.getFileName().toString().startsWith(pkg + "_")).findFirst()
                    .orElseThrow(() -> new IOException("apt-get download " + pkg + " left no .deb in " + download));
        }
        Files.createDirectories(dir);
        // Only the members we need: the kernel package unpacks to ~400 MB otherwise.
        StringBuilder script = new StringBuilder("dpkg-deb --fsys-tarfile \"$1\" | tar -x -C \"$2\" --wildcards");
        for (String p : patterns) {
            script.append(" '").append(p).append('\'');
        }
        HostCommand.run(300, "sh", "-c", script.toString(), "sh", deb.toString(), dir.toString());
        java.util.Set<String> all = new java.util.LinkedHashSet<>(have);
        all.addAll(List.of(patterns));
        Files.writeString(done, String.join("\n", all));
        return dir;
    }

    /** The single file under {@code dir} whose path ends with {@code suffix} (glob-free lookup). */
    static Path find(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> hits = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).toList();
            if (hits.size() != 1) {
                throw new IOException("expected one file ending in " + suffix + " under " + dir + ", found " + hits);
            }
            return hits.getFirst();
        }
    }
}
