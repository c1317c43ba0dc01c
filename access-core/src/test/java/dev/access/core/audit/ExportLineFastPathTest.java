package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.access.core.trail.TrailRecord;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/*
 * ExportLine reads a line in the exact form an export writes by hand (the fast path) and any other
 * line with the JSON parser. The fast path must never read a line to anything else than the
 * parser does: checked here on lines written by TrailExport.writeLine from random records (odd
 * characters, escapes, all spellings of instants) and on random mutations of them (every mutant
 * the fast path accepts must read the same through the parser; the others go to the parser).
 */
/** The hand-written reading of an export line agrees with the JSON parser's. */
class ExportLineFastPathTest {
    private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_9999_END = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    private static final String ODD = "aZ9 \"\\/\b\f\n\r\t\u0001\u001f\u007fé€\ud83d\ude00\ud800{}[]:,";

    @Test
    void everyCanonicalInstantReadsBack() {
        qt().withExamples(20_000).forAll(longs().between(YEAR_0, YEAR_9999_END), integers().between(0, 999_999_999),
                integers().between(0, 3)).checkAssert((sec, nano, grain) -> {
                    int n = grain == 0 ? 0 : grain == 1 ? nano / 1_000_000 * 1_000_000 : grain == 2 ? nano / 1_000 * 1_000 : nano;
                    Instant i = Instant.ofEpochSecond(sec, n);
                    assertEquals(i, ExportLine.canonicalInstant(i.toString()), i.toString());
                });
    }

    @Test
    void noOtherSpellingIsTakenForCanonical() {
        String alphabet = "0123456789-:.TZz+ ";
        Random rnd = new Random(15);
        int accepted = 0;
        for (int k = 0; k < 200_000; k++) {
            String base = Instant.ofEpochSecond(YEAR_0 + (long) (rnd.nextDouble() * (YEAR_9999_END - YEAR_0)),
                    rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1_000_000_000)).toString();
            StringBuilder sb = new StringBuilder(base);
            for (int m = rnd.nextInt(3); m >= 0; m--) {
                int at = rnd.nextInt(sb.length() + 1);
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < sb.length()) {
                            sb.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < sb.length()) {
                            sb.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            String s = sb.toString();
            Instant fast = ExportLine.canonicalInstant(s);
            if (fast != null) {
                accepted++;
                assertEquals(s, fast.toString(), "taken for canonical: " + s);
                assertEquals(Instant.parse(s), fast, s);
            }
        }
        assertTrue(accepted > 1_000, "too few mutants still canonical to tell anything: " + accepted);
    }

    /** A fraction is canonical only in the shortest group of three digits that holds it. */
    @Test
    void aFractionWithATrailingZeroGroup_isNotCanonical() {
        for (String s : new String[] {"2026-07-06T06:00:00.000Z", "2026-07-06T06:00:00.123000Z",
                "2026-07-06T06:00:00.000000Z", "2026-07-06T06:00:00.123456000Z", "2026-07-06T06:00:00.000000000Z",
                "2026-07-06T06:00:00.100000Z"}) {
            assertNull(ExportLine.canonicalInstant(s), s);
        }
        for (String s : new String[] {"2026-07-06T06:00:00.123Z", "2026-07-06T06:00:00.000123Z",
                "2026-07-06T06:00:00.123456Z", "2026-07-06T06:00:00.000000001Z", "2026-07-06T06:00:00.100000001Z"}) {
            assertEquals(Instant.parse(s), ExportLine.canonicalInstant(s), s);
        }
    }

    /*
     * The hand-written string reader: escapes as JSON defines them (a unicode escape takes exactly
     * four hex digits, of either case, ASCII only), and null, never an exception, for a string cut
     * inside an escape.
     */
    @Test
    void jsonStrings_readByHand_asJsonDefinesThem() {
        assertEquals("\u00ff\u00ffA\"/\\\b\f\n\r\t", read("\"\\u00ff\\u00FF\\u0041\\\"\\/\\\\\\b\\f\\n\\r\\t\""));
        assertEquals("x", read("\"x\""));
        for (String cut : new String[] {"\"ab\\u12", "\"ab\\u1", "\"ab\\u", "\"ab\\", "\"ab\\u12\"", "\"ab\\u12g4\"",
                "\"ab\\u\uff10\uff10\uff10\uff10\"", "\"ab\\x\"", "\"ab", "\"a\u0001b\"", "\"a\\n\u0001\""}) {
            assertNull(read(cut), cut);
        }
    }

    private static String read(String s) {
        int[] at = {0};
        String out = ExportLine.string(s, at);
        if (out != null) {
            assertEquals(s.length(), at[0], "past the closing quote: " + s);
        } else {
            assertEquals(0, at[0], "not moved when null: " + s);
        }
        return out;
    }

    @Test
    void linesAsWrittenReadAlikeAndMutantsToo() {
        Random rnd = new Random(4);
        AtomicInteger fastMutants = new AtomicInteger();
        for (int k = 0; k < 3_000; k++) {
            long nanos = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1_000_000_000);
            TrailRecord r = new TrailRecord(odd(rnd, 12), rnd.nextInt(5) == 0 ? rnd.nextInt(10) : rnd.nextLong() >>> 5,
                    odd(rnd, 10), Instant.ofEpochSecond(YEAR_0 + (long) (rnd.nextDouble() * (YEAR_9999_END - YEAR_0)),
                            nanos), "{\"lockId\":\"" + odd(rnd, 30) + "\"}",
                    dev.access.crypto.ChainHead.fromHex(hex(rnd)).toHex());
            StringWriter w = new StringWriter();
            TrailExport.writeLine(r, w);
            String line = w.toString().substring(0, w.toString().length() - 1);
            ExportLine.Parsed fast = ExportLine.exact(line);
            assertNotNull(fast, line);
            assertEquals(r, fast.record());
            assertEquals(ExportLine.general(line), fast);
            for (int m = 0; m < 20; m++) {
                String mutant = mutate(rnd, line);
                ExportLine.Parsed f = ExportLine.exact(mutant);
                ExportLine.Parsed g = ExportLine.general(mutant);
                if (f != null) {
                    fastMutants.incrementAndGet();
                    assertEquals(g, f, mutant);
                }
                assertEquals(g, ExportLine.parse(mutant), mutant);
            }
        }
        assertTrue(fastMutants.get() > 5_000, "too few mutants taken by the fast path: " + fastMutants);
        assertNull(ExportLine.exact("{\"lock\":\"a\",\"personalKeys\":{}}"));
    }

    @Test
    void payloadConsistencyReadByHandAgreesWithTheTreeParser() {
        Random rnd = new Random(9);
        String[] bases = {
            "{\"lockId\":\"front\",\"at\":\"2026-03-01T10:00:00.250Z\",\"slot\":3,\"source\":\"KEYPAD\","
                    + "\"n\":{\"a\":[1,2.5e3,-0,true,false,null,\"x\\\"y\\u00e9\"],\"b\":{}},\"e\":[]}",
            "{\"at\":\"2026-03-01T10:00:00.250Z\",\"lockId\":\"front\",\"r\":{\"lockId\":\"other\",\"at\":1}}",
            "{\"lockId\":\"fr\\u006fnt\",\"at\":\"2026-03-01T10:00:00.250Z\",\"x\":-12.5E-3}"};
        Instant ts = Instant.parse("2026-03-01T10:00:00.250Z");
        int consistent = 0;
        for (int k = 0; k < 100_000; k++) {
            String base = bases[rnd.nextInt(bases.length)];
            String p = k < 3 ? bases[k] : mutate(rnd, base);
            String fast = TrailVerifier.inconsistentField("front", ts, p);
            assertEquals(TrailVerifier.inconsistentFieldSlow("front", ts, p), fast, p);
            if (fast == null) {
                consistent++;
            }
        }
        assertTrue(consistent > 3_000, "too few consistent payloads to tell anything: " + consistent);
    }

    private static String mutate(Random rnd, String line) {
        String pieces = "\"\\{}:,0123456789-. \tuZTabcdef\u0000é";
        StringBuilder sb = new StringBuilder(line);
        for (int m = rnd.nextInt(2); m >= 0; m--) {
            int at = rnd.nextInt(sb.length() + 1);
            char c = pieces.charAt(rnd.nextInt(pieces.length()));
            switch (rnd.nextInt(3)) {
                case 0 -> sb.insert(at, c);
                case 1 -> {
                    if (at < sb.length()) {
                        sb.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String odd(Random rnd, int max) {
        StringBuilder sb = new StringBuilder();
        for (int n = rnd.nextInt(max + 1); n > 0; n--) {
            sb.append(rnd.nextInt(3) == 0 ? ODD.charAt(rnd.nextInt(ODD.length())) : (char) ('a' + rnd.nextInt(26)));
        }
        return sb.toString();
    }

    private static String hex(Random rnd) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            sb.append("0123456789abcdef".charAt(rnd.nextInt(16)));
        }
        return sb.toString();
    }
}
