package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The options of one DHCP message, in wire order, one value per code. A code that appeared
 * several times on the wire is already concatenated (RFC 3396 section 5); the encoder splits
 * values longer than 255 bytes again. Immutable: values are copied in and out.
 */
public final class DhcpOptions {

    private static final DhcpOptions EMPTY = new DhcpOptions(new LinkedHashMap<>());
    private final Map<Integer, byte[]> values;

    private DhcpOptions(LinkedHashMap<Integer, byte[]> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static DhcpOptions empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        values.forEach(b::put);
        return b;
    }

    public Set<Integer> codes() {
        return values.keySet();
    }

    public boolean has(int code) {
        return values.containsKey(code);
    }

    public Optional<byte[]> bytes(int code) {
        byte[] v = values.get(code);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    /** Text options (60, 77, 12...): printable ASCII in practice; trailing NULs some ROMs add are dropped. */
    public Optional<String> string(int code) {
        byte[] v = values.get(code);
        if (v == null) {
            return Optional.empty();
        }
        int len = v.length;
        while (len > 0 && v[len - 1] == 0) {
            len--;
        }
        return Optional.of(new String(v, 0, len, StandardCharsets.ISO_8859_1));
    }

    public OptionalInt u8(int code) {
        byte[] v = values.get(code);
        return v == null || v.length != 1 ? OptionalInt.empty() : OptionalInt.of(v[0] & 0xff);
    }

    public OptionalInt u16(int code) {
        byte[] v = values.get(code);
        return v == null || v.length < 2 ? OptionalInt.empty() : OptionalInt.of((v[0] & 0xff) << 8 | (v[1] & 0xff));
    }

    public Optional<Inet4Address> ip(int code) {
        byte[] v = values.get(code);
        return v == null || v.length != 4 ? Optional.empty() : Optional.of(toInet(v, 0));
    }

    public Optional<DhcpMessageType> messageType() {
        OptionalInt t = u8(DhcpOption.MESSAGE_TYPE);
        return t.isPresent() ? DhcpMessageType.of(t.getAsInt()) : Optional.empty();
    }

    static Inet4Address toInet(byte[] b, int off) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, off, off + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    /** Raw view for the encoder; callers must not modify the arrays. */
    Map<Integer, byte[]> raw() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DhcpOptions other) || other.values.size() != values.size()) {
            return false;
        }
        List<Integer> mine = List.copyOf(values.keySet());
        List<Integer> theirs = List.copyOf(other.values.keySet());
        if (!mine.equals(theirs)) {
            return false;
        }
        return mine.stream().allMatch(code -> Arrays.equals(values.get(code), other.values.get(code)));
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            h = 31 * h + e.getKey() * 17 + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        values.forEach((code, v) -> j.add(code + "=" + HexFormat.of().formatHex(v)));
        return j.toString();
    }

    /** Collects options in the order they will be written. */
    public static final class Builder {

        private final LinkedHashMap<Integer, byte[]> values = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(int code, byte[] value) {
            if (code <= DhcpOption.PAD || code >= DhcpOption.END) {
                throw new IllegalArgumentException("option code " + code + " is reserved for pad/end");
            }
            values.put(code, value.clone());
            return this;
        }

        public Builder put(int code, String ascii) {
            return put(code, ascii.getBytes(StandardCharsets.ISO_8859_1));
        }

        public Builder u8(int code, int value) {
            return put(code, new byte[] {(byte) value});
        }

        public Builder u32(int code, long value) {
            return put(code, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        }

        public Builder ip(int code, Inet4Address address) {
            return put(code, address.getAddress());
        }

        public Builder ips(int code, List<Inet4Address> addresses) {
            byte[] v = new byte[addresses.size() * 4];
            for (int i = 0; i < addresses.size(); i++) {
                System.arraycopy(addresses.get(i).getAddress(), 0, v, i * 4, 4);
            }
            return put(code, v);
        }

        public Builder remove(int code) {
            values.remove(code);
            return this;
        }

        public DhcpOptions build() {
            return values.isEmpty() ? EMPTY : new DhcpOptions(new LinkedHashMap<>(values));
        }
    }
}
