package org.streamboot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.files.FileRefusal;
import org.streamboot.server.files.FileSource;
import org.streamboot.server.files.JailedDirectory;
import org.streamboot.server.files.ReadableFile;

/** The boot-file route in an EmbeddedChannel: statuses, ranges, file regions, chunks, jail, events. */
class FileRequestHandlerTest {

    private static final int SIZE = 2 * FileRequestHandler.CHUNK + 777;

    @TempDir
    Path root;
    @TempDir
    Path outside;
    private final byte[] content = new byte[SIZE];
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<TrackedFile> opened = new CopyOnWriteArrayList<>();
    private final HttpFileListener listener = new HttpFileListener() {
        @Override
        public void sent(Download d) {
            events.add("sent " + d.file() + " " + d.first() + "+" + d.length() + "/" + d.size() + (d.head() ? " head" : ""));
        }

        @Override
        public void failed(Download d, String reason) {
            events.add("failed " + d.file());
        }

        @Override
        public void refused(InetSocketAddress client, String file, int status, String reason) {
            events.add("refused " + file.replace('\0', '?') + " " + status);
        }
    };

    @BeforeEach
    void files() throws IOException {
        new Random(11).nextBytes(content);
        Files.write(root.resolve("ipxe.efi"), content);
        Files.createDirectories(root.resolve("linux"));
        Files.writeString(root.resolve("linux/initrd.gz"), "initrd");
        Files.writeString(outside.resolve("secret"), "secret");
        Files.createSymbolicLink(root.resolve("escape"), outside.resolve("secret"));
    }

    /** The jailed directory, each opened file tracked; {@code plain} false hides the channel (no zero-copy). */
    private EmbeddedChannel channel(boolean plain) {
        JailedDirectory jail = new JailedDirectory(root);
        FileSource tracked = new FileSource() {
            @Override
            public ReadableFile open(String name) throws FileRefusal {
                TrackedFile f = new TrackedFile(jail.open(name), plain);
                opened.add(f);
                return f;
            }

            @Override
            public String describe() {
                return jail.describe();
            }
        };
        StaticFiles files = new StaticFiles(tracked, Set.of("ipxe.efi"), listener);
        return new EmbeddedChannel(new FileRequestHandler(files, Runnable::run));
    }

    private record Answer(HttpResponse head, byte[] body, int regions, int chunks) {
        int status() {
            return head.status().code();
        }

        String header(CharSequence name) {
            return head.headers().get(name);
        }
    }

    private Answer exchange(EmbeddedChannel channel, HttpMethod method, String uri, String range) throws IOException {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        if (range != null) {
            request.headers().set(HttpHeaderNames.RANGE, range);
        }
        channel.writeInbound(request);
        channel.runPendingTasks();
        assertThat(request.refCnt()).isZero();
        HttpResponse head = null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int regions = 0;
        int chunks = 0;
        Object last = null;
        for (Object msg; (msg = channel.readOutbound()) != null; last = msg) {
            if (msg instanceof HttpResponse r) {
                head = r;
            }
            if (msg instanceof FileRegion region) {
                regions++;
                region.transferTo(Channels.newChannel(body), region.transferred());
            }
            if (msg instanceof HttpContent c) {
                ByteBuf data = c.content();
                chunks += data.isReadable() && !(msg instanceof LastHttpContent) ? 1 : 0;
                byte[] bytes = new byte[data.readableBytes()];
                data.getBytes(data.readerIndex(), bytes);
                body.writeBytes(bytes);
            }
            ReferenceCountUtil.release(msg);
        }
        assertThat(last).isInstanceOf(LastHttpContent.class);
        assertThat(opened).allSatisfy(f -> assertThat(f.closed).as("every opened file is closed").isTrue());
        return new Answer(head, body.toByteArray(), regions, chunks);
    }

    @Test
    void wholeFileGoesOutAsOneFileRegion() throws IOException {
        Answer a = exchange(channel(true), HttpMethod.GET, "/files/ipxe.efi", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(SIZE));
        assertThat(a.header(HttpHeaderNames.ACCEPT_RANGES)).isEqualTo("bytes");
        assertThat(a.regions()).isEqualTo(1);
        assertThat(a.body()).isEqualTo(content);
        assertThat(events).containsExactly("sent ipxe.efi 0+" + SIZE + "/" + SIZE);
    }

    @Test
    void theUrlUefiHttpBootIsGivenServesTheSameFile() throws IOException {
        Answer a = exchange(channel(true), HttpMethod.GET, "/ipxe.efi", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo(content);
    }

    @Test
    void rangeIs206WithContentRange() throws IOException {
        Answer a = exchange(channel(true), HttpMethod.GET, "/files/ipxe.efi", "bytes=1000-2999");
        assertThat(a.status()).isEqualTo(206);
        assertThat(a.header(HttpHeaderNames.CONTENT_RANGE)).isEqualTo("bytes 1000-2999/" + SIZE);
        assertThat(a.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("2000");
        assertThat(a.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 3000));
    }

    @Test
    void headGivesTheSizeWithoutABody() throws IOException {
        Answer a = exchange(channel(true), HttpMethod.HEAD, "/files/ipxe.efi", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(SIZE));
        assertThat(a.body()).isEmpty();
        assertThat(events).containsExactly("sent ipxe.efi 0+0/" + SIZE + " head");
    }

    @Test
    void sourcesWithoutAPlainFileAreStreamedInChunks() throws IOException {
        Answer a = exchange(channel(false), HttpMethod.GET, "/files/ipxe.efi", null);
        assertThat(a.regions()).isZero();
        assertThat(a.chunks()).isEqualTo(3);
        assertThat(a.body()).isEqualTo(content);
        Answer part = exchange(channel(false), HttpMethod.GET, "/files/ipxe.efi", "bytes=-10");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, SIZE - 10, SIZE));
    }

    @Test
    void subdirectoriesAreServed() throws IOException {
        assertThat(exchange(channel(true), HttpMethod.GET, "/files/linux/initrd.gz", null).body()).asString().isEqualTo("initrd");
    }

    @Test
    void missingIs404AndJailViolationsAre403() throws IOException {
        EmbeddedChannel ch = channel(true);
        assertThat(exchange(ch, HttpMethod.GET, "/files/nope.efi", null).status()).isEqualTo(404);
        assertThat(exchange(ch, HttpMethod.GET, "/files/../secret", null).status()).isEqualTo(403);
        assertThat(exchange(ch, HttpMethod.GET, "/files/%2e%2e/%2e%2e/etc/passwd", null).status()).isEqualTo(403);
        assertThat(exchange(ch, HttpMethod.GET, "/files/ipxe.efi%00.txt", null).status()).isEqualTo(403);
        assertThat(exchange(ch, HttpMethod.GET, "/files/escape", null).status()).isEqualTo(403);
        assertThat(exchange(ch, HttpMethod.GET, "/files//etc/passwd", null).status()).isEqualTo(403);
        assertThat(events).containsExactly("refused nope.efi 404", "refused ../secret 403", "refused ../../etc/passwd 403",
                "refused ipxe.efi?.txt 403", "refused escape 403", "refused /etc/passwd 403");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void unsatisfiableRangeIs416NamingTheSize() throws IOException {
        Answer a = exchange(channel(true), HttpMethod.GET, "/files/ipxe.efi", "bytes=" + SIZE + "-");
        assertThat(a.status()).isEqualTo(416);
        assertThat(a.header(HttpHeaderNames.CONTENT_RANGE)).isEqualTo("bytes */" + SIZE);
    }

    @Test
    void otherPathsAndMethodsPassOn() {
        EmbeddedChannel ch = channel(true);
        for (FullHttpRequest other : List.of(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/health"),
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/snponly.efi"),
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/files/ipxe.efi"))) {
            ch.writeInbound(other);
            FullHttpRequest passed = ch.readInbound();
            assertThat(passed).isSameAs(other);
            passed.release();
        }
        assertThat(opened).isEmpty();
    }

    @Test
    void aFaultyListenerDoesNotBreakTheResponse() throws IOException {
        StaticFiles files = new StaticFiles(new JailedDirectory(root), Set.of(), new HttpFileListener() {
            @Override
            public void sent(Download d) {
                throw new IllegalStateException("listener bug");
            }
        });
        EmbeddedChannel ch = new EmbeddedChannel(new FileRequestHandler(files, Runnable::run));
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/files/linux/initrd.gz"));
        List<Object> out = new ArrayList<>();
        for (Object msg; (msg = ch.readOutbound()) != null; ) {
            out.add(msg);
        }
        assertThat(out).hasSize(3);
        assertThat(((HttpResponse) out.getFirst()).status().code()).isEqualTo(200);
        out.forEach(ReferenceCountUtil::release);
        assertThat(ch.isOpen()).isTrue();
    }

    /**
     * Records the close and keeps the channel open until the test has read the region: an
     * EmbeddedChannel "sends" a region by queueing it, a real socket has sent it when the
     * write completes. Releasing the region closes the channel.
     */
    private static final class TrackedFile implements ReadableFile {
        private final ReadableFile file;
        private final boolean plain;
        volatile boolean closed;

        TrackedFile(ReadableFile file, boolean plain) {
            this.file = file;
            this.plain = plain;
        }

        @Override
        public long size() {
            return file.size();
        }

        @Override
        public int read(long position, ByteBuffer into) throws IOException {
            return file.read(position, into);
        }

        @Override
        public Optional<FileChannel> fileChannel() {
            return plain ? file.fileChannel() : Optional.empty();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            if (!plain) {
                file.close();
            }
        }
    }
}
