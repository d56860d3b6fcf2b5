package org.streamboot.server.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a PC that registers itself is named, e.g. {@code pc-{nn}} or {@code lab-{mac6}}.
 * Placeholders: {@code {nn}} the next free number, zero-padded to as many digits as there are
 * n's ({@code {nnn}} gives 007); {@code {mac6}} the last 6 hex digits of the MAC; {@code {mac}}
 * all 12. Everything else is taken literally. A pattern is accepted only when every name it can
 * produce is a valid client name (an RFC 1123 host label, see {@link Names#clientName}).
 */
public final class NamePattern {

    /** Numbers stop here: a lab of a million PCs is not a lab, and the bound keeps names short. */
    public static final int MAX_NUMBER = 999_999;
    // Initialised before DEFAULT, whose constructor uses them.
    private static final Pattern TOKEN = Pattern.compile("\\{(n{1,9}|mac6|mac)}|[A-Za-z0-9-]");
    /** Any MAC will do for checking: its placeholders always expand to the same number of hex digits. */
    private static final MacAddress SAMPLE_MAC = MacAddress.parse("02:00:00:00:00:00");

    public static final NamePattern DEFAULT = new NamePattern("pc-{nn}");

    private sealed interface Part permits Literal, Number, Mac {
    }

    private record Literal(char c) implements Part {
    }

    private record Number(int width) implements Part {
    }

    private record Mac(int digits) implements Part {
    }

    private final String text;
    private final List<Part> parts;

    private NamePattern(String text) {
        this.text = text;
        this.parts = parts(text);
        if (parts.stream().allMatch(p -> p instanceof Literal)) {
            throw new IllegalArgumentException("'" + text + "' names every PC the same: use {nn}, {mac6} or {mac}");
        }
        // The placeholders expand to letters and digits only, so the smallest and the longest
        // expansion between them show every way a name could break the host-label rule.
        for (int n : new int[] {1, MAX_NUMBER}) {
            String example = expand(parts, n, SAMPLE_MAC);
            try {
                Names.clientName(example);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' can make the name '" + example + "', which is not a valid"
                        + " client name (letters, digits and inner hyphens, at most 63 characters)");
            }
        }
    }

    /** The pattern, or IllegalArgumentException saying what is wrong with it. */
    public static NamePattern parse(String text) {
        return new NamePattern(text == null ? "" : text.trim());
    }

    /** Whether the pattern has a {@code {nn}} placeholder, i.e. whether numbers tell names apart. */
    public boolean numbered() {
        return parts.stream().anyMatch(p -> p instanceof Number);
    }

    /** The name for the given number (1 to {@link #MAX_NUMBER}) and MAC. */
    public String expand(int number, MacAddress mac) {
        if (number < 1 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("client numbers run from 1 to " + MAX_NUMBER + ", not " + number);
        }
        return expand(parts, number, mac);
    }

    /** The pattern as the admin wrote it (and as it is stored). */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamePattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String expand(List<Part> parts, int number, MacAddress mac) {
        StringBuilder out = new StringBuilder();
        String hex = mac.compact();
        for (Part p : parts) {
            switch (p) {
                case Literal l -> out.append(l.c());
                case Number n -> {
                    String digits = Integer.toString(number);
                    out.append("0".repeat(Math.max(0, n.width() - digits.length()))).append(digits);
                }
                case Mac m -> out.append(hex, hex.length() - m.digits(), hex.length());
            }
        }
        return out.toString();
    }

    private static List<Part> parts(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a name pattern must not be empty (the default is pc-{nn})");
        }
        List<Part> parts = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("'" + text + "' has '" + text.charAt(at) + "' at position " + (at + 1)
                        + ": use letters, digits, '-', {nn}, {mac6} or {mac}");
            }
            String placeholder = m.group(1);
            if (placeholder == null) {
                parts.add(new Literal(text.charAt(at)));
            } else if (placeholder.equals("mac")) {
                parts.add(new Mac(12));
            } else if (placeholder.equals("mac6")) {
                parts.add(new Mac(6));
            } else {
                parts.add(new Number(placeholder.length()));
            }
            at = m.end();
        }
        return parts;
    }
}
