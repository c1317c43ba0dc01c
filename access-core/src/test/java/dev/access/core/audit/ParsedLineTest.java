package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.audit.TrailProblem.Kind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailRecord;
import dev.access.crypto.ChainHead;
import dev.access.crypto.TrailPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lines parsed once (what a backend's ingest does before it verifies): each parse is the
 * verifier's own, in order, and verifying the parsed lines gives exactly the report the texts give,
 * for a clean segment of several pipeline chunks and for every kind of damage, in the pipelined
 * run and line by line.
 */
class ParsedLineTest {
    private static final LockId L = LockId.of("parsed-lock");
    private static final LockId OTHER = LockId.of("parsed-other");
    private static AuditFixture f;
    private static TrailPublicKey key;
    /** L's export without its personal-keys line: over 3 pipeline chunks, a checkpoint every 100 events. */
    private static List<String> lines;
    private static String otherLine;

    @BeforeAll
    static void makeTrail() {
        f = new AuditFixture(100);
        f.commission(L);
        f.commission(OTHER);
        for (int i = 0; i < 900; i++) {
            f.advance(Duration.ofSeconds(70));
            f.access.enter(L, AuditFixture.pin(i % 3 == 0 ? AuditFixture.WRONG : AuditFixture.MASTER), EntrySource.KEYPAD);
        }
        f.access.checkpoint(L);
        key = f.keyFor(L).apply(L.value());
        lines = f.exportLines(L);
        otherLine = f.exportLines(OTHER).get(1);
        assertTrue(lines.size() > 3 * LinePipeline.CHUNK, "the trail spans several chunks: " + lines.size());
    }

    @AfterAll
    static void close() {
        f.close();
    }

    /** Segments of L's trail, clean and damaged in every way the verifier tells apart. */
    private static Map<String, List<String>> segments() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("whole trail", new ArrayList<>(lines));
        List<String> changed = new ArrayList<>(lines);
        int grant = firstWith(300, "KEYPAD");
        changed.set(grant, changed.get(grant).replace("KEYPAD", "REMOTE"));
        out.put("a payload changed", changed);
        List<String> gap = new ArrayList<>(lines);
        gap.remove(520);
        out.put("a line removed", gap);
        List<String> twice = new ArrayList<>(lines);
        twice.add(257, twice.get(256));
        out.put("a line repeated across a chunk's edge", twice);
        List<String> swapped = new ArrayList<>(lines);
        swapped.set(600, lines.get(601));
        swapped.set(601, lines.get(600));
        out.put("two lines swapped", swapped);
        List<String> junk = new ArrayList<>(lines);
        junk.add(40, "{\"lock\":\"parsed-lock\",\"sequence\":");
        junk.add(41, "not json at all");
        out.put("malformed lines", junk);
        List<String> tooLong = new ArrayList<>(lines);
        tooLong.add(700, "x".repeat(TrailVerifier.MAX_LINE + 1));
        tooLong.add(701, tooLongMarker());
        out.put("over-long lines", tooLong);
        List<String> foreign = new ArrayList<>(lines);
        foreign.add(10, otherLine);
        out.put("another lock's line", foreign);
        out.put("a segment from sequence 400", new ArrayList<>(lines.subList(indexOf(400), lines.size())));
        return out;
    }

    /** The index of the first line at or after {@code from} that contains {@code text}. */
    private static int firstWith(int from, String text) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line after " + from + " holds " + text);
    }

    /** What TrailReader.readLine returns for a line over the limit. */
    private static String tooLongMarker() {
        try {
            return TrailReader.readLine(AuditFixture.reader("y".repeat(TrailVerifier.MAX_LINE + 5) + "\n"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(long sequence) {
        for (int i = 0; i < lines.size(); i++) {
            TrailRecord r = TrailReader.record(lines.get(i));
            if (r != null && r.sequence() == sequence) {
                return i;
            }
        }
        throw new AssertionError("no sequence " + sequence);
    }

    @Test
    void parseAll_isTheVerifiersParse_lineForLine_inOrder() {
        for (Map.Entry<String, List<String>> e : segments().entrySet()) {
            List<String> texts = e.getValue();
            List<ParsedLine> parsed = ParsedLine.parseAll(texts);
            assertEquals(texts.size(), parsed.size(), e.getKey());
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                ParsedLine p = parsed.get(i);
                assertTrue(text == p.text(), e.getKey() + ": line " + (i + 1) + " is the text given");
                boolean tooLong = TrailReader.isTooLong(text) || text.length() > TrailVerifier.MAX_LINE;
                assertEquals(tooLong, p.isTooLong(), e.getKey() + ": line " + (i + 1));
                assertEquals(tooLong ? null : TrailReader.record(text), p.record(), e.getKey() + ": line " + (i + 1));
            }
        }
    }

    @Test
    void verifyingParsedLines_givesTheReportOfTheirTexts_forEveryDamage() {
        for (Map.Entry<String, List<String>> e : segments().entrySet()) {
            List<String> texts = e.getValue();
            long from = TrailReader.record(texts.get(0)).sequence();
            ChainHead head = from == 0 ? ChainHead.GENESIS
                    : ChainHead.fromHex(TrailReader.record(lines.get(indexOf(from - 1))).chain());
            VerificationReport ofTexts = TrailVerifier.verifyContinuation(texts, L.value(), key, from, head);
            VerificationReport ofParsed = TrailVerifier.verifyParsedContinuation(ParsedLine.parseAll(texts), L.value(),
                    key, from, head);
            assertEquals(ofTexts, ofParsed, e.getKey());
            assertEquals(e.getKey().equals("whole trail") || e.getKey().startsWith("a segment from"), ofParsed.ok(),
                    e.getKey() + ": " + ofParsed.problems());
        }
    }

    @Test
    void lineByLine_theParsedVerificationAgreesWithThePipelinedOne() {
        Map<String, VerificationReport> pipelined = new LinkedHashMap<>();
        segments().forEach((name, texts) -> pipelined.put(name, TrailVerifier.verifyParsedContinuation(
                ParsedLine.parseAll(texts), L.value(), key, 0, ChainHead.GENESIS)));
        LinePipeline.lineByLine = true;
        try {
            segments().forEach((name, texts) -> assertEquals(pipelined.get(name), TrailVerifier.verifyParsedContinuation(
                    ParsedLine.parseAll(texts), L.value(), key, 0, ChainHead.GENESIS), name));
        } finally {
            LinePipeline.lineByLine = false;
        }
    }

    @Test
    void aDamagedParsedSegment_namesItsProblem() {
        List<String> changed = segments().get("a payload changed");
        VerificationReport r = TrailVerifier.verifyParsedContinuation(ParsedLine.parseAll(changed), L.value(), key, 0,
                ChainHead.GENESIS);

        assertFalse(r.ok());
        assertEquals(Kind.MODIFIED_EVENT, r.problems().get(0).kind(), r.problems().toString());
        assertEquals(firstWith(300, "KEYPAD") + 1, r.problems().get(0).line());
    }

    @Test
    void aPersonalKeysLine_isToldApart_andNoLineShowsItsPayload() {
        List<String> withKeys = List.of(f.exportWithKeys(L).split("\n"));
        ParsedLine keys = ParsedLine.parse(withKeys.get(0));
        assertTrue(keys.isPersonalKeys());
        assertNull(keys.record());
        assertEquals(TrailReader.isPersonalKeys(withKeys.get(0)), keys.isPersonalKeys());
        ParsedLine grant = ParsedLine.parse(lines.get(5));
        assertFalse(grant.isPersonalKeys());
        String shown = grant.toString();
        assertTrue(shown.contains("#" + grant.record().sequence()), shown);
        assertFalse(shown.contains(grant.record().payload()), shown);
        assertFalse(shown.contains(grant.record().chain()), shown);
        assertTrue(ParsedLine.parse("x".repeat(TrailVerifier.MAX_LINE + 1)).toString().contains("too long"));
    }

    @Test
    void aNullLine_isRefusedByNumber_notTakenForTheEnd() {
        List<String> texts = new ArrayList<>(lines.subList(0, 3));
        texts.add(null);
        texts.add(lines.get(3));

        NullPointerException e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> ParsedLine.parseAll(texts));
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    }
}
