package org.streamboot.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.CachedDevice;
import org.streamboot.server.block.ForwardingBlockDevice;
import org.streamboot.server.block.MemoryDevice;
import org.streamboot.server.block.MemoryView;
import org.streamboot.server.block.ReadCache;
import org.streamboot.testsupport.TrackedDevice;

/** The disk route in an EmbeddedChannel: statuses, headers, chunked bodies, released buffers. */
class DiskRequestHandlerTest {

    private static final int SIZE = 2 * DiskRequestHandler.CHUNK + 1234;
    private final byte[] content = new byte[SIZE];
    private final List<TrackedDevice> devices = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final EmbeddedChannel channel;
    private final ReadCache cache = new ReadCache(1 << 20, 4096, 1);
    private final List<MemoryView> lent = new java.util.concurrent.CopyOnWriteArrayList<>();

    DiskRequestHandlerTest() {
        new Random(7).nextBytes(content);
        BlockExports disks = (name, client) -> {
            if (name.equals("cached")) {
                return Optional.of(cachedContent());
            }
            if (!name.equals("base")) {
                return Optional.empty();
            }
            TrackedDevice device = new TrackedDevice(new MemoryDevice(content, true));
            devices.add(device);
            return Optional.of(device);
        };
        channel = new EmbeddedChannel(new DiskRequestHandler(disks, Runnable::run));
    }

    /** The same bytes, all in a read cache; records the views it lends. */
    private BlockDevice cachedContent() throws java.io.IOException {
        CachedDevice layer = cache.wrap(new MemoryDevice(content, true), "cached");
        layer.read(0, java.nio.ByteBuffer.allocate(SIZE));
        return new ForwardingBlockDevice(layer) {
            @Override
            public MemoryView viewFromMemory(long offset, int length) throws java.io.IOException {
                MemoryView view = super.viewFromMemory(offset, length);
                lent.add(view);
                return view;
            }
        };
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    /** Status, headers and body of one exchange; every outbound message is released. */
    private record Answer(HttpResponse head, byte[] body, int chunks) {
        String header(CharSequence name) {
            return head.headers().get(name);
        }
    }

    private Answer exchange(HttpMethod method, String uri, String range) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        if (range != null) {
            request.headers().set(HttpHeaderNames.RANGE, range);
        }
        channel.writeInbound(request);
        channel.runPendingTasks();
        assertThat(request.refCnt()).isZero();
        HttpResponse head = null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int chunks = 0;
        List<Object> all = new ArrayList<>();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            all.add(msg);
            if (msg instanceof HttpResponse r) {
                head = r;
            }
            if (msg instanceof HttpContent c) {
                ByteBuf data = c.content();
                chunks += data.isReadable() ? 1 : 0;
                byte[] bytes = new byte[data.readableBytes()];
                data.getBytes(data.readerIndex(), bytes);
                body.writeBytes(bytes);
            }
        }
        assertThat(all.getLast()).isInstanceOf(LastHttpContent.class);
        for (Object msg : all) {
            if (msg instanceof HttpContent c && c.content().capacity() > 0) {
                ReferenceCountUtil.release(msg);
                assertThat(c.refCnt()).isZero();
            }
        }
        return new Answer(head, body.toByteArray(), chunks);
    }

    @Test
    void headGivesTheSizeAndAcceptRangesWithoutABody() {
        Answer a = exchange(HttpMethod.HEAD, "/vdisk/base", null);
        assertThat(a.head().status().code()).isEqualTo(200);
        assertThat(a.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(SIZE));
        assertThat(a.header(HttpHeaderNames.ACCEPT_RANGES)).isEqualTo("bytes");
        assertThat(a.body()).isEmpty();
        assertThat(devices).singleElement().satisfies(d -> assertThat(d.closed()).isTrue());
    }

    @Test
    void rangeGetIs206WithContentRange() {
        Answer a = exchange(HttpMethod.GET, "/vdisk/base", "bytes=32768-34815");
        assertThat(a.head().status().code()).isEqualTo(206);
        assertThat(a.header(HttpHeaderNames.CONTENT_RANGE)).isEqualTo("bytes 32768-34815/" + SIZE);
        assertThat(a.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("2048");
        assertThat(a.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 32768, 34816));
    }

    @Test
    void wholeGetStreamsInChunks() {
        Answer a = exchange(HttpMethod.GET, "/vdisk/base", null);
        assertThat(a.head().status().code()).isEqualTo(200);
        assertThat(a.chunks()).isEqualTo(3);
        assertThat(a.body()).isEqualTo(content);
        assertThat(devices).singleElement().satisfies(d -> assertThat(d.closed()).isTrue());
    }

    /** Chunks of a disk in the read cache go out as views of it, each released once written. */
    @Test
    void aCachedDiskIsSentFromTheCachesMemory() {
        Answer a = exchange(HttpMethod.GET, "/vdisk/cached", null);
        assertThat(a.head().status().code()).isEqualTo(200);
        assertThat(a.body()).isEqualTo(content);
        assertThat(lent).as("the two whole chunks; the 1,234-byte tail is copied").hasSize(2).doesNotContainNull();
        for (MemoryView view : lent) {
            assertThatThrownBy(view::retain).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void unsatisfiableRangeIs416NamingTheSize() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/vdisk/base");
        request.headers().set(HttpHeaderNames.RANGE, "bytes=" + SIZE + "-");
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(416);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_RANGE)).isEqualTo("bytes */" + SIZE);
        response.release();
        assertThat(response.refCnt()).isZero();
    }

    @Test
    void unknownDiskIs404AndOtherPathsPassOn() {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/vdisk/nope"));
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(404);
        response.release();
        FullHttpRequest other = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/health");
        channel.writeInbound(other);
        FullHttpRequest passed = channel.readInbound();
        assertThat(passed).isSameAs(other);
        passed.release();
    }
}
