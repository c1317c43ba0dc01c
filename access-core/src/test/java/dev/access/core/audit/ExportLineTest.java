package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.crypto.PersonalData;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link ExportLine}, the one parser of export lines: a record only in the one spelling an export
 * writes, a personal-keys line only with its two fields and well-formed keys, and for anything
 * else the reason, with the lock and sequence as far as they could be read.
 */
class ExportLineTest {
    private static final String CHAIN = "ab".repeat(32);

    private static String record(String sequence, String timestamp, String chain) {
        return "{\"lock\":\"door\",\"sequence\":" + sequence + ",\"type\":\"Opened\",\"timestamp\":\"" + timestamp
                + "\",\"payload\":\"{}\",\"chain\":\"" + chain + "\"}";
    }

    @Test
    void aRecordInTheExportedSpelling_parses() {
        ExportLine.Parsed p = ExportLine.parse(record("7", "2026-07-01T09:00:00Z", CHAIN));

        assertEquals("door", p.record().lock());
        assertEquals(7, p.record().sequence());
        assertEquals(Instant.parse("2026-07-01T09:00:00Z"), p.record().timestamp());
        assertEquals(CHAIN, p.record().chain());
        assertNull(p.problem());
        assertFalse(p.isKeys());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "null", "\"text\""})
    void aLineThatIsNoJsonObject_isNoRecord(String line) {
        ExportLine.Parsed p = ExportLine.parse(line);

        assertNull(p.record());
        assertNull(p.lock());
        assertEquals(-1, p.sequence());
        assertTrue(p.problem().startsWith("not "), p.problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"7\"", "7.5", "100000000000000000000", "null"})
    void aSequenceThatIsNoLongInteger_isNoRecord_butTheLockIsNamed(String sequence) {
        ExportLine.Parsed p = ExportLine.parse(record(sequence, "2026-07-01T09:00:00Z", CHAIN));

        assertNull(p.record());
        assertEquals("door", p.lock());
        assertTrue(p.problem().contains("sequence (integer)"), p.problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lock", "type", "timestamp", "payload", "chain"})
    void aRecordWithoutOneOfItsTextFields_isNoRecord(String field) {
        String line = record("7", "2026-07-01T09:00:00Z", CHAIN).replace("\"" + field + "\":", "\"other\":");

        ExportLine.Parsed p = ExportLine.parse(line);

        assertNull(p.record());
        assertTrue(p.problem().startsWith("a trail record needs"), p.problem());
    }

    @Test
    void anotherSpellingOfTheSameTimeOrChain_isAChange_notAVariant() {
        ExportLine.Parsed millis = ExportLine.parse(record("7", "2026-07-01T09:00:00.000Z", CHAIN));
        ExportLine.Parsed upper = ExportLine.parse(record("7", "2026-07-01T09:00:00Z", CHAIN.toUpperCase()));
        ExportLine.Parsed badTime = ExportLine.parse(record("7", "yesterday", CHAIN));

        assertNull(millis.record());
        assertTrue(millis.problem().contains("canonical"), millis.problem());
        assertEquals(7, millis.sequence());
        assertNull(upper.record());
        assertTrue(upper.problem().contains("canonical"), upper.problem());
        assertNull(badTime.record());
        assertTrue(badTime.problem().startsWith("timestamp or chain is malformed"), badTime.problem());
        assertEquals(7, badTime.sequence());
    }

    @Test
    void aPersonalKeysLine_givesItsKeysBySubject() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String subject = PersonalData.subjectOf(key);

        ExportLine.Parsed p = ExportLine.parse("{\"lock\":\"door\",\"personalKeys\":{\"" + subject + "\":\""
                + Base64.getEncoder().encodeToString(key) + "\"}}");

        assertTrue(p.isKeys(), String.valueOf(p.problem()));
        assertEquals("door", p.lock());
        assertArrayEquals(key, p.keys().get(subject));
        assertNull(p.record());
        assertTrue(ExportLine.parse("{\"lock\":\"door\",\"personalKeys\":{}}").isKeys());
    }

    @Test
    void aPersonalKeysLine_isRefusedUnlessItsFieldsAndKeysAreInTheirOneForm() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String subject = PersonalData.subjectOf(key);
        String b64 = Base64.getEncoder().encodeToString(key);
        String[] bad = {
            "{\"personalKeys\":{}}",
            "{\"lock\":\"door\",\"personalKeys\":{},\"extra\":1}",
            "{\"lock\":\"door\",\"personalKeys\":[]}",
            "{\"lock\":\"door\",\"personalKeys\":{\"Ann\":\"" + b64 + "\"}}",
            "{\"lock\":\"door\",\"personalKeys\":{\"" + subject + "\":\"" + b64.replace("=", "") + "\"}}",
            "{\"lock\":\"door\",\"personalKeys\":{\"" + subject + "\":\"" + Base64.getEncoder().encodeToString(new byte[31]) + "\"}}",
            "{\"lock\":\"door\",\"personalKeys\":{\"" + subject + "\":\"***\"}}",
            "{\"lock\":\"door\",\"personalKeys\":{\"" + subject + "\":32}}",
        };
        for (String line : bad) {
            ExportLine.Parsed p = ExportLine.parse(line);

            assertFalse(p.isKeys(), line);
            assertNull(p.record(), line);
            assertTrue(p.problem() != null && p.problem().contains("personal"), line + ": " + p.problem());
        }
    }

    @Test
    void shorten_keeps80Characters_andCutsLongerText() {
        assertEquals("x".repeat(80), ExportLine.shorten("x".repeat(80)));
        assertEquals("y".repeat(80) + "\u2026", ExportLine.shorten("y".repeat(81)));
    }
}
