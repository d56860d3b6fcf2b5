package org.streamboot.server.iscsi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text and login data segments: {@code key=value} pairs, each ended by a NUL (RFC 7143 section 6.1).
 * Keys are at most 63 bytes; values at most 8192 bytes (the largest any key allows, 6.1).
 */
public final class TextKeys {

    static final int MAX_KEY = 63;
    static final int MAX_VALUE = 8192;

    private TextKeys() {
    }

    /** Parses a complete text; a trailing fragment without NUL is an error too. */
    public static Map<String, String> parse(byte[] text) {
        Map<String, String> keys = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] != 0) {
                continue;
            }
            if (i > start) {
                String pair = new String(text, start, i - start, StandardCharsets.UTF_8);
                int eq = pair.indexOf('=');
                if (eq <= 0 || eq > MAX_KEY || pair.length() - eq - 1 > MAX_VALUE) {
                    throw new IllegalArgumentException("malformed key=value pair: " + abbreviate(pair));
                }
                String key = pair.substring(0, eq);
                if (keys.putIfAbsent(key, pair.substring(eq + 1)) != null) {
                    // RFC 7143 6.2: a key may be offered only once per negotiation.
                    throw new IllegalArgumentException("key " + key + " sent twice");
                }
            }
            start = i + 1;
        }
        // Some initiators omit the last NUL; RFC 7143 6.1 requires it, but the text is unambiguous.
        if (start < text.length) {
            Map<String, String> tail = parse(concat(text, start));
            for (Map.Entry<String, String> e : tail.entrySet()) {
                if (keys.putIfAbsent(e.getKey(), e.getValue()) != null) {
                    throw new IllegalArgumentException("key " + e.getKey() + " sent twice");
                }
            }
        }
        return keys;
    }

    public static byte[] format(Map<String, String> keys) {
        StringBuilder sb = new StringBuilder();
        keys.forEach((k, v) -> sb.append(k).append('=').append(v).append('\0'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] text, int from) {
        byte[] tail = new byte[text.length - from + 1];
        System.arraycopy(text, from, tail, 0, text.length - from);
        return tail;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
