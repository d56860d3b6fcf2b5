package org.streamboot.server.http;

/**
 * What a {@code Range} header asks of a resource of known size (RFC 9110 section 14, formerly
 * RFC 7233). Only the "bytes" unit exists. When several ranges are asked for, only the first
 * satisfiable one is served, as a single-part 206: iPXE and QEMU's curl driver ask for one
 * range at a time, and a multipart/byteranges body would buy nothing here.
 */
sealed interface ByteRangeRequest {

    /** No Range header, or one this server ignores (RFC 9110 14.2: a server MAY ignore it). */
    record Whole() implements ByteRangeRequest {
    }

    /** Serve bytes {@code first..last} inclusive with 206 Partial Content. */
    record Part(long first, long last) implements ByteRangeRequest {
        long length() {
            return last - first + 1;
        }
    }

    /** No range overlaps the resource: 416 with {@code Content-Range: bytes *}{@code /size}. */
    record Unsatisfiable() implements ByteRangeRequest {
    }

    /** Headers longer than this are ignored rather than parsed (the codec already caps headers). */
    int MAX_HEADER = 4096;

    static ByteRangeRequest parse(String header, long size) {
        if (header == null || header.length() > MAX_HEADER) {
            return new Whole();
        }
        String value = header.strip();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).strip().equalsIgnoreCase("bytes")) {
            return new Whole();
        }
        ByteRangeRequest chosen = null;
        for (String spec : value.substring(eq + 1).split(",", -1)) {
            ByteRangeRequest one = parseSpec(spec.strip(), size);
            if (one == null) {
                return new Whole(); // RFC 9110 14.2: an invalid range set is ignored as a whole.
            }
            if (chosen == null && one instanceof Part) {
                chosen = one;
            }
        }
        return chosen != null ? chosen : new Unsatisfiable();
    }

    /** One byte-range-spec or suffix-range-spec; null when it is not valid syntax. */
    private static ByteRangeRequest parseSpec(String spec, long size) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (from.isEmpty()) {
            long suffix = number(to);
            if (suffix < 0) {
                return null;
            }
            // "-n": the last n bytes; "-0" or an empty resource cannot be satisfied.
            return suffix == 0 || size == 0 ? new Unsatisfiable() : new Part(Math.max(0, size - suffix), size - 1);
        }
        long first = number(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : number(to);
        if (first < 0 || last < 0 || last < first) {
            return null;
        }
        return first >= size ? new Unsatisfiable() : new Part(first, Math.min(last, size - 1));
    }

    /** A non-negative decimal; absurdly long numbers saturate; -1 when not a number. */
    private static long number(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : n * 10 + (c - '0');
        }
        return n;
    }
}
