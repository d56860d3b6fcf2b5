package org.streamboot.server.net.ipv6;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * A raw ICMPv6 socket on one interface (Linux), through the Foreign Function & Memory API:
 * plain Java cannot send ICMPv6. Needs CAP_NET_RAW. The kernel fills in the ICMPv6 checksum
 * for raw ICMPv6 sockets (RFC 3542 section 3.1).
 *
 * <p>The native memory lives in a confined arena: one thread opens, uses and closes a socket.
 */
final class RawIcmpv6Socket implements AutoCloseable {

    private static final int AF_INET6 = 10;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int IPV6_UNICAST_HOPS = 16;
    private static final int IPV6_MULTICAST_IF = 17;
    private static final int IPV6_MULTICAST_HOPS = 18;
    private static final int IPV6_MULTICAST_LOOP = 19;
    private static final int IPV6_JOIN_GROUP = 20;
    private static final int ICMP6_FILTER = 1;
    private static final short POLLIN = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final MemoryLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_HANDLE =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = function("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = function("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = function("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = function("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle POLL = function("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = LINKER.downcallHandle(
            LINKER.defaultLookup().find("if_nametoindex").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    static final int MAX_MESSAGE = 1500;

    // Everything native is allocated once: a socket polled four times a second for months must
    // not grow its arena with every call.
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment state = arena.allocate(CALL_STATE);
    private final MemorySegment pollfd = arena.allocate(8);
    private final MemorySegment buffer = arena.allocate(MAX_MESSAGE);
    private final MemorySegment to = arena.allocate(28); // struct sockaddr_in6
    private final MemorySegment intValue = arena.allocate(JAVA_INT);
    private final int fd;
    private final int ifindex;

    /** Opens the socket on {@code interfaceName}: hop limit 255 (RFC 4861 section 6.1.2), no loopback. */
    RawIcmpv6Socket(String interfaceName) throws IOException {
        try {
            ifindex = (int) IF_NAMETOINDEX.invokeExact(arena.allocateFrom(interfaceName));
            if (ifindex == 0) {
                throw new IOException("no interface " + interfaceName);
            }
            fd = check("socket", (int) SOCKET.invokeExact(state, AF_INET6, SOCK_RAW, IPPROTO_ICMPV6));
        } catch (IOException e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new IOException(t);
        }
        try {
            setInt(IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 255);
            setInt(IPPROTO_IPV6, IPV6_UNICAST_HOPS, 255);
            setInt(IPPROTO_IPV6, IPV6_MULTICAST_IF, ifindex);
            setInt(IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0);
        } catch (IOException e) {
            close();
            throw e;
        }
        pollfd.set(JAVA_INT, 0, fd);
        to.set(JAVA_SHORT, 0, (short) AF_INET6);
        to.set(JAVA_INT, 24, ifindex);
    }

    /** Joins {@code group} (16 bytes) on the interface, so that its multicasts reach us. */
    void join(byte[] group) throws IOException {
        MemorySegment mreq = arena.allocate(20);
        MemorySegment.copy(group, 0, mreq, JAVA_BYTE, 0, 16);
        mreq.set(JAVA_INT, 16, ifindex);
        setsockopt(IPPROTO_IPV6, IPV6_JOIN_GROUP, mreq);
    }

    /** Lets only ICMPv6 {@code type} through (struct icmp6_filter: a set bit blocks a type). */
    void passOnly(int type) throws IOException {
        MemorySegment filter = arena.allocate(32);
        filter.fill((byte) 0xff);
        int word = filter.get(JAVA_INT, (type >> 5) * 4L);
        filter.set(JAVA_INT, (type >> 5) * 4L, word & ~(1 << (type & 31)));
        setsockopt(IPPROTO_ICMPV6, ICMP6_FILTER, filter);
    }

    /** Sends {@code message} to {@code address} (16 bytes) with the interface as scope id. */
    void send(byte[] message, byte[] address) throws IOException {
        if (message.length > MAX_MESSAGE || address.length != 16) {
            throw new IllegalArgumentException("message of " + message.length + " bytes to a " + address.length + "-byte address");
        }
        MemorySegment.copy(message, 0, buffer, JAVA_BYTE, 0, message.length);
        MemorySegment.copy(address, 0, to, JAVA_BYTE, 8, 16);
        try {
            long sent = (long) SENDTO.invokeExact(state, fd, buffer, (long) message.length, 0, to, 28);
            check("sendto", (int) sent);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for one message.
     *
     * @return the ICMPv6 message (header first, at most {@link #MAX_MESSAGE} bytes), or null on timeout
     */
    byte[] receive(int timeoutMillis) throws IOException {
        pollfd.set(JAVA_SHORT, 4, POLLIN);
        pollfd.set(JAVA_SHORT, 6, (short) 0);
        try {
            int ready = (int) POLL.invokeExact(state, pollfd, 1L, timeoutMillis);
            if (check("poll", ready) == 0) {
                return null;
            }
            long n = (long) RECV.invokeExact(state, fd, buffer, (long) MAX_MESSAGE, 0);
            check("recv", (int) n);
            return buffer.asSlice(0, n).toArray(JAVA_BYTE);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    private void setInt(int level, int option, int value) throws IOException {
        intValue.set(JAVA_INT, 0, value);
        setsockopt(level, option, intValue);
    }

    private void setsockopt(int level, int option, MemorySegment value) throws IOException {
        try {
            check("setsockopt(" + level + ", " + option + ")",
                    (int) SETSOCKOPT.invokeExact(state, fd, level, option, value, (int) value.byteSize()));
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    private int check(String call, int result) throws IOException {
        if (result < 0) {
            throw new NativeCallException(call, (int) ERRNO_HANDLE.get(state, 0L));
        }
        return result;
    }

    /** A failed system call and its errno. */
    static final class NativeCallException extends IOException {
        static final int EPERM = 1;
        static final int EINTR = 4;
        private final int errno;

        NativeCallException(String call, int errno) {
            super(call + " failed, errno " + errno + (errno == EPERM ? " (operation not permitted: needs CAP_NET_RAW)" : ""));
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, ERRNO);
    }

    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable ignored) {
            // closing on the way out
        }
        arena.close();
    }
}
