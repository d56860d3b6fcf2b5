package org.streamboot.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of one run of libiscsi's {@code iscsi-test-cu}, read from its normal-mode text:
 * {@code Suite: X}, then per test {@code Test: Y ...} followed by "passed" or "FAILED";
 * a test that printed {@code [SKIPPED]} counts as skipped although CUnit calls it passed.
 */
public record CuResults(Map<String, Outcome> tests) {

    public enum Outcome { PASSED, FAILED, SKIPPED }

    private static final Pattern SUITE = Pattern.compile("^Suite: (\\S+)");
    private static final Pattern TEST = Pattern.compile("^\\s+Test: (\\S+) \\.\\.\\.(.*)$");

    /**
     * Each test line is followed by its verdict, "passed" or "FAILED", either right after the
     * dots or on a later line; "[SKIPPED]" or "[FAILED]" seen before the verdict qualify it.
     * Text after the verdict (suite teardown messages) belongs to no test.
     */
    public static CuResults parse(String output) {
        Map<String, Outcome> tests = new LinkedHashMap<>();
        String suite = "?";
        String test = null;
        boolean skipped = false;
        boolean failed = false;
        for (String line : output.split("\n")) {
            Matcher s = SUITE.matcher(line);
            if (s.find()) {
                suite = s.group(1);
                test = null;
                continue;
            }
            Matcher t = TEST.matcher(line);
            String rest;
            if (t.find()) {
                test = suite + "." + t.group(1);
                skipped = false;
                failed = false;
                rest = t.group(2);
            } else if (test != null) {
                rest = line;
            } else {
                continue;
            }
            String r = rest.strip();
            int passed = r.startsWith("passed") ? 0 : -1;
            int failedAt = r.startsWith("FAILED") ? 0 : -1;
            skipped |= r.contains("[SKIPPED]") && passed < 0;
            failed |= r.contains("[FAILED]");
            if (passed == 0 || failedAt == 0) {
                tests.put(test, outcome(failed || failedAt == 0, skipped));
                test = null;
            }
        }
        return new CuResults(tests);
    }

    private static Outcome outcome(boolean failed, boolean skipped) {
        return failed ? Outcome.FAILED : skipped ? Outcome.SKIPPED : Outcome.PASSED;
    }

    public List<String> with(Outcome outcome) {
        List<String> out = new ArrayList<>();
        tests.forEach((name, o) -> {
            if (o == outcome) {
                out.add(name);
            }
        });
        return out;
    }

    public long count(Outcome outcome) {
        return tests.values().stream().filter(o -> o == outcome).count();
    }
}
