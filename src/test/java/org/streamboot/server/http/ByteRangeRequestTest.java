package org.streamboot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.streamboot.server.http.ByteRangeRequest.Part;
import org.streamboot.server.http.ByteRangeRequest.Unsatisfiable;
import org.streamboot.server.http.ByteRangeRequest.Whole;

/** Range header parsing per RFC 9110 section 14 (byte ranges, suffixes, 416, ignored headers). */
class ByteRangeRequestTest {

    @Test
    void theThreeFormsOfByteRange() {
        assertThat(ByteRangeRequest.parse("bytes=0-511", 10_000)).isEqualTo(new Part(0, 511));
        assertThat(ByteRangeRequest.parse("bytes=1000-", 10_000)).isEqualTo(new Part(1000, 9999));
        assertThat(ByteRangeRequest.parse("bytes=-100", 10_000)).isEqualTo(new Part(9900, 9999));
        // iPXE's ISO9660 probe, with spaces that RFC 9110 allows around the list.
        assertThat(ByteRangeRequest.parse(" bytes = 32768-34815 ", 1 << 20)).isEqualTo(new Part(32768, 34815));
    }

    @Test
    void lastPositionAndSuffixAreClampedToTheResource() {
        assertThat(ByteRangeRequest.parse("bytes=9000-99999", 10_000)).isEqualTo(new Part(9000, 9999));
        assertThat(ByteRangeRequest.parse("bytes=-20000", 10_000)).isEqualTo(new Part(0, 9999));
        assertThat(ByteRangeRequest.parse("bytes=0-99999999999999999999999", 10)).isEqualTo(new Part(0, 9));
    }

    @Test
    void rangesBeyondTheEndAreUnsatisfiable() {
        assertThat(ByteRangeRequest.parse("bytes=10000-", 10_000)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRangeRequest.parse("bytes=10000-20000", 10_000)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRangeRequest.parse("bytes=-0", 10_000)).isInstanceOf(Unsatisfiable.class);
        assertThat(ByteRangeRequest.parse("bytes=0-", 0)).isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void severalRangesServeTheFirstSatisfiableOne() {
        assertThat(ByteRangeRequest.parse("bytes=0-99,200-299", 10_000)).isEqualTo(new Part(0, 99));
        assertThat(ByteRangeRequest.parse("bytes=20000-,5-9", 10_000)).isEqualTo(new Part(5, 9));
    }

    @Test
    void invalidOrForeignHeadersAreIgnored() {
        for (String header : new String[] {null, "", "items=0-1", "bytes=", "bytes=5-1", "bytes=a-b", "bytes=1",
                "bytes=0-1,", "bytes=--1", "bytes=0-1-2"}) {
            assertThat(ByteRangeRequest.parse(header, 10_000)).as(String.valueOf(header)).isInstanceOf(Whole.class);
        }
        assertThat(ByteRangeRequest.parse("bytes=0-1," + "9".repeat(5000), 10)).isInstanceOf(Whole.class);
    }

    @Test
    void fuzzedHeadersYieldARangeInsideTheResourceOrNoRange() {
        Random random = new Random(0xB17E5L);
        String alphabet = "bytes=-,0123456789 ";
        int parts = 0;
        int others = 0;
        for (int round = 0; round < 50_000; round++) {
            StringBuilder header = new StringBuilder("bytes=");
            int specs = 1 + random.nextInt(3);
            for (int i = 0; i < specs; i++) {
                header.append(i > 0 ? "," : "").append(switch (random.nextInt(3)) {
                    case 0 -> random.nextInt(6000) + "-" + random.nextInt(6000);
                    case 1 -> random.nextInt(6000) + "-";
                    default -> "-" + random.nextInt(6000);
                });
            }
            // Mutate a few characters to reach the error paths.
            for (int i = random.nextInt(3); i > 0; i--) {
                header.setCharAt(random.nextInt(header.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            long size = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(5000);
            ByteRangeRequest r = ByteRangeRequest.parse(header.toString(), size);
            if (r instanceof Part p) {
                parts++;
                assertThat(p.first()).as(header.toString()).isBetween(0L, size - 1);
                assertThat(p.last()).as(header.toString()).isBetween(p.first(), size - 1);
            } else {
                others++;
            }
        }
        assertThat(parts).isGreaterThan(1000);
        assertThat(others).isGreaterThan(1000);
    }
}
