package org.streamboot.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code nbd-client} for the guest's initramfs: busybox-static has no nbd-client
 * applet, so the real one goes in with the shared libraries it needs. The program and the
 * libnl libraries come out of their packages (not installed); the rest of its libraries
 * (glibc, GnuTLS and theirs, which apt itself depends on) are the host's, found with ldd.
 */
final class NbdClientProgram {

    private static final Pattern LDD_LINE = Pattern.compile("^\\s*(\\S+)\\s*=>\\s*(\\S+|not found)");
    private static final Pattern LOADER = Pattern.compile("^\\s*(/\\S*ld-linux[^\\s]*)");

    private NbdClientProgram() {
    }

    /** Adds {@code bin/nbd-client}, its libraries under {@code lib/} and the loader under {@code lib64/}. */
    static void addTo(NewcArchive cpio) throws IOException, InterruptedException {
        Path program = DebianPackages.find(DebianPackages.extract("nbd-client", "./sbin/nbd-client"), "/sbin/nbd-client");
        List<String> libraryDirs = new ArrayList<>();
        for (String pkg : new String[] {"libnl-3-200", "libnl-genl-3-200"}) {
            libraryDirs.add(DebianPackages.extract(pkg, "./lib/x86_64-linux-gnu/*").resolve("lib/x86_64-linux-gnu").toString());
        }
        String ldd = HostCommand.run(30, "env", "LD_LIBRARY_PATH=" + String.join(":", libraryDirs), "ldd", program.toString());
        cpio.file("bin/nbd-client", 0755, Files.readAllBytes(program));
        for (String line : ldd.lines().toList()) {
            Matcher lib = LDD_LINE.matcher(line);
            Matcher loader = LOADER.matcher(line);
            if (lib.find()) {
                if (lib.group(2).equals("not found")) {
                    throw new IOException("nbd-client needs " + lib.group(1) + ", which this host lacks:\n" + ldd);
                }
                cpio.file("lib/" + lib.group(1), 0755, Files.readAllBytes(Path.of(lib.group(2)).toRealPath()));
            } else if (loader.find()) {
                cpio.file("lib64/ld-linux-x86-64.so.2", 0755, Files.readAllBytes(Path.of(loader.group(1)).toRealPath()));
            }
        }
    }
}
