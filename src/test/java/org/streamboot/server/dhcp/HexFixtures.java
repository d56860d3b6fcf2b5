package org.streamboot.server.dhcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads captured-style packets kept as hex dumps ("OFFSET  hh hh ...", '#' comments). */
final class HexFixtures {

    private HexFixtures() {
    }

    static byte[] load(String name) {
        try (InputStream in = HexFixtures.class.getResourceAsStream("/dhcp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] parse(String dump) {
        StringBuilder hex = new StringBuilder();
        for (String line : dump.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int gap = l.indexOf("  ");
            hex.append((gap >= 0 ? l.substring(gap) : l).replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(hex.toString());
    }

    static String dump(String comment, byte[] data) {
        StringBuilder out = new StringBuilder("# ").append(comment).append('\n');
        for (int i = 0; i < data.length; i += 16) {
            out.append(String.format("%04x ", i));
            for (int k = i; k < Math.min(i + 16, data.length); k++) {
                out.append(String.format(" %02x", data[k]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
