package org.streamboot.server.nbd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.CachedDevice;
import org.streamboot.server.block.ForwardingBlockDevice;
import org.streamboot.server.block.MemoryDevice;
import org.streamboot.server.block.MemoryView;
import org.streamboot.server.block.ReadCache;
import org.streamboot.testsupport.TrackedDevice;

/**
 * The NBD decoder and handler in an EmbeddedChannel, with a block executor the test drives by
 * hand: tasks queue up until {@link #runAll} or {@link #runNewestFirst}, so the order in which
 * requests finish is the test's choice.
 */
final class NbdChannelHarness {

    final Deque<Runnable> tasks = new ArrayDeque<>();
    final NbdCounters counters = new NbdCounters();
    final Map<String, Supplier<BlockDevice>> exports = new LinkedHashMap<>();
    final List<TrackedDevice> handedOut = new ArrayList<>();
    final NbdFrameDecoder decoder = new NbdFrameDecoder();
    /** Views the "cached" export lent, in order. */
    final List<MemoryView> lent = new ArrayList<>();
    final ReadCache cache = new ReadCache(64 * 1024, 512, 1);
    final EmbeddedChannel channel;

    /**
     * "ro": 4096 read-only bytes where byte i is (i mod 256); "rw": 64 KiB of zeros. Both are
     * wrapped so that every read goes to the executor. "mem" is the "ro" bytes unwrapped, so
     * that its reads are served from RAM on the event loop. "cached" is 64 KiB of the same
     * pattern in a warm read cache of 512-byte chunks, whose reads are lent the cache's memory ({@link #lent}).
     */
    NbdChannelHarness() {
        byte[] pattern = new byte[4096];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) i;
        }
        exports.put("ro", () -> new MemoryDevice(pattern, true));
        exports.put("rw", () -> new MemoryDevice(64 * 1024));
        NbdExports backing = new NbdExports() {
            @Override
            public List<String> names() {
                return List.copyOf(exports.keySet());
            }

            @Override
            public Outcome open(String name, InetSocketAddress client) {
                if (name.equals("mem")) {
                    return new Opened(new MemoryDevice(pattern, true), "in RAM", true);
                }
                if (name.equals("cached")) {
                    return new Opened(cachedPattern(pattern), "in the read cache", true);
                }
                if (name.equals("secret")) {
                    return new Denied("not for you");
                }
                Supplier<BlockDevice> factory = exports.get(name);
                if (factory == null) {
                    return new Unknown("no export " + name);
                }
                TrackedDevice device = new TrackedDevice(factory.get());
                handedOut.add(device);
                return new Opened(device, "about " + name, false);
            }
        };
        channel = new EmbeddedChannel(decoder, new NbdHandler(decoder, backing, tasks::add, counters));
    }

    private BlockDevice cachedPattern(byte[] pattern) {
        byte[] image = new byte[16 * pattern.length];
        for (int i = 0; i < image.length; i += pattern.length) {
            System.arraycopy(pattern, 0, image, i, pattern.length);
        }
        CachedDevice layer = cache.wrap(new MemoryDevice(image, true), "cached");
        try {
            layer.read(0, java.nio.ByteBuffer.allocate(image.length));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new ForwardingBlockDevice(layer) {
            @Override
            public MemoryView viewFromMemory(long offset, int length) throws java.io.IOException {
                MemoryView view = super.viewFromMemory(offset, length);
                lent.add(view);
                return view;
            }
        };
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("[\\s|]", ""));
    }

    /** Sends bytes given as hex (spaces and '|' ignored) and runs everything to completion. */
    String exchange(String hexBytes) {
        send(hexBytes);
        runAll();
        return outputHex();
    }

    void send(String hexBytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(hex(hexBytes)));
        channel.runPendingTasks();
    }

    void send(ByteBuf bytes) {
        channel.writeInbound(bytes);
        channel.runPendingTasks();
    }

    void runAll() {
        channel.runPendingTasks();
        while (!tasks.isEmpty()) {
            tasks.pollFirst().run();
            channel.runPendingTasks();
        }
    }

    void runNewestFirst() {
        channel.runPendingTasks();
        while (!tasks.isEmpty()) {
            tasks.pollLast().run();
            channel.runPendingTasks();
        }
    }

    /** All bytes written so far, as hex; every outbound buffer is released and checked. */
    String outputHex() {
        return HexFormat.of().formatHex(output());
    }

    byte[] output() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            // Unpooled.EMPTY_BUFFER (used to close after pending writes) is never freed.
            if (buf.refCnt() != 0 && !(buf instanceof io.netty.buffer.EmptyByteBuf)) {
                throw new AssertionError("outbound buffer still referenced: refCnt " + buf.refCnt());
            }
            all.writeBytes(bytes);
        }
        return all.toByteArray();
    }

    /** Greeting read, client flags FIXED_NEWSTYLE|NO_ZEROES sent, GO on {@code name} done. */
    void negotiate(String name, boolean structured) {
        send("00000003");
        if (structured) {
            send("49484156454f5054 00000008 00000000");
        }
        byte[] n = name.getBytes();
        String go = "49484156454f5054 00000007 " + String.format("%08x %08x", 4 + n.length + 2, n.length)
                + HexFormat.of().formatHex(n) + "0000";
        exchange(go);
        output();
    }

    static String request(int flags, int type, long cookie, long offset, long length) {
        return String.format("25609513 %04x %04x %016x %016x %08x", flags, type, cookie, offset, length);
    }
}
