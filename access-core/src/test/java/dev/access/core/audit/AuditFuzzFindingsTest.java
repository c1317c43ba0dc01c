package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regression tests for what fuzzing the auditor's toolkit found (docs/fuzzing.md), each named for its bug. */
class AuditFuzzFindingsTest {
    private static String finding(String name) throws IOException {
        try (InputStream in = AuditFuzzFindingsTest.class.getResourceAsStream("fuzz-findings/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * AuditParsersFuzzTest#readExport: a retention anchor whose state lacks "credentials" (a mutated key)
     * was read as an anchor with a null component, and replaying its history threw a
     * NullPointerException in Replay.attempts. Now the anchor line is a problem line that names the
     * missing component, and replay, reports and diagnosis run.
     */
    @Test
    void anchorWhoseStateLacksCredentials_isAProblemLine_notANullPointerInReplay() throws IOException {
        String export = finding("anchor-state-without-credentials.jsonl");
        assertTrue(export.contains("\\\"crede~pd1.s\\\""), "the crashing input mangles the state's credentials key");
        Map<String, LockHistory> histories = TrailReader.histories(new BufferedReader(new StringReader(export)));
        LockHistory back = histories.get("back-door");
        assertTrue(back.problems().stream().anyMatch(p -> p.message().contains("lacks state.credentials")),
                () -> "the anchor line is reported: " + back.problems());
        for (LockHistory h : histories.values()) {
            assertDoesNotThrow(() -> AccessReport.writeCsv(Replay.attempts(h), new java.io.StringWriter()));
        }
    }
}
