package org.streamboot.server.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Files under one root directory and nowhere else. Client names are untrusted: a TFTP or
 * HTTP client may ask for {@code ../../etc/shadow}, {@code /etc/shadow}, {@code ..\boot.ini}
 * or a name with a NUL byte that a C library would cut short. All of those are refused as
 * access violations before the file system is touched; a symlink inside the root is followed
 * only when its target is inside the root too.
 */
public final class JailedDirectory implements FileSource {

    /** Longer names are refused: no boot file needs them, and they only cost us work. */
    public static final int MAX_NAME_LENGTH = 255;

    private final Path root;
    private final boolean trustLinks;

    /** @throws IllegalArgumentException when {@code root} is not an existing directory */
    public JailedDirectory(Path root) {
        this(root, false);
    }

    /**
     * A directory whose own symbolic links are trusted wherever they lead: for a system
     * directory that only the package manager writes. Debian's {@code /usr/lib/ipxe/ipxe.efi}
     * is a link to {@code /boot/ipxe.efi}; names are still checked, so only links that already
     * sit in the directory can lead out of it.
     */
    public static JailedDirectory trustingItsLinks(Path root) {
        return new JailedDirectory(root, true);
    }

    private JailedDirectory(Path root, boolean trustLinks) {
        this.trustLinks = trustLinks;
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("directory " + root + " does not exist or cannot be read", e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public ReadableFile open(String name) throws FileRefusal {
        Path candidate = root.resolve(checkedRelativeName(name));
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileRefusal(FileRefusal.Kind.NOT_FOUND, "no file named '" + name + "' in " + root);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            // A dangling symlink: nothing to serve.
            throw new FileRefusal(FileRefusal.Kind.NOT_FOUND, "no file named '" + name + "' in " + root);
        } catch (IOException e) {
            throw new FileRefusal(FileRefusal.Kind.UNREADABLE, "cannot resolve '" + name + "': " + e.getMessage(), e);
        }
        if (!trustLinks && !real.startsWith(root)) {
            throw violation(name, "it leads outside " + root + " (through a symbolic link)");
        }
        if (!Files.isRegularFile(real)) {
            throw violation(name, "it is not a regular file");
        }
        return openChannel(name, real);
    }

    private static ReadableFile openChannel(String name, Path real) throws FileRefusal {
        try {
            // NOFOLLOW_LINKS: the resolved path has no links; one swapped in since is refused.
            FileChannel channel = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            return new ChannelFile(channel, channel.size());
        } catch (AccessDeniedException e) {
            throw new FileRefusal(FileRefusal.Kind.UNREADABLE, "'" + name + "' is not readable by the server", e);
        } catch (NoSuchFileException e) {
            throw new FileRefusal(FileRefusal.Kind.NOT_FOUND, "'" + name + "' vanished while being opened", e);
        } catch (IOException e) {
            throw new FileRefusal(FileRefusal.Kind.UNREADABLE, "cannot open '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Turns a client's name into a relative path with no way out of the root, or refuses it. */
    static Path checkedRelativeName(String name) throws FileRefusal {
        if (name == null || name.isEmpty()) {
            throw violation("", "the name is empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw violation(name.substring(0, 40) + "...", "the name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                throw violation(name.replace('\0', '?'), "the name contains a NUL byte");
            }
            if (c < 0x20 || c == 0x7f) {
                throw violation(name, "the name contains a control character");
            }
            if (c == '\\') {
                throw violation(name, "backslashes are not path separators here");
            }
        }
        if (name.startsWith("/")) {
            throw violation(name, "absolute paths are not served");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                throw violation(name, "'..' would leave the served directory");
            }
        }
        try {
            Path relative = Path.of(name).normalize();
            if (relative.isAbsolute() || relative.startsWith("..")) {
                throw violation(name, "it leads outside the served directory");
            }
            return relative;
        } catch (InvalidPathException e) {
            throw violation(name, "it is not a valid path");
        }
    }

    private static FileRefusal violation(String name, String why) {
        return new FileRefusal(FileRefusal.Kind.ACCESS_VIOLATION, "refused '" + name + "': " + why);
    }

    private record ChannelFile(FileChannel channel, long size) implements ReadableFile {

        @Override
        public Optional<FileChannel> fileChannel() {
            return Optional.of(channel);
        }

        @Override
        public int read(long position, ByteBuffer into) throws IOException {
            int total = 0;
            while (into.hasRemaining()) {
                int n = channel.read(into, position + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
