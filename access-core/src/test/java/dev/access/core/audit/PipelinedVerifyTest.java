package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockId;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/*
 * The verifier and the reader prepare lines in chunks, on several threads, and guess each line's
 * chain from the record before it in the chunk (LinePipeline). The small trails of the tamper
 * tests fit in one chunk; here three locks' trails of over a thousand lines, whole and with their
 * lines interleaved, are tampered with at random (lines deleted, duplicated, swapped, moved,
 * characters changed in the payload, the chain, the sequence, the timestamp, unknown locks) and
 * every report must equal the one of a line-by-line run on one thread, where nothing is guessed.
 */
/** A pipelined verification or read reports exactly what a line-by-line one does. */
class PipelinedVerifyTest {
    private static AuditFixture fx;
    private static List<String> whole;
    private static List<String> interleaved;
    private static Function<String, TrailPublicKey> keys;

    @BeforeAll
    static void trails() {
        fx = new AuditFixture(7);
        LockId[] locks = {LockId.of("pipe-a"), LockId.of("pipe-b"), LockId.of("pipe-c")};
        List<List<String>> each = new ArrayList<>();
        whole = new ArrayList<>();
        for (int i = 0; i < locks.length; i++) {
            fx.randomTrail(locks[i], 77 + i, 220);
            List<String> lines = fx.exportLines(locks[i]);
            each.add(lines);
            whole.addAll(lines);
        }
        interleaved = new ArrayList<>();
        for (int k = 0; interleaved.size() < whole.size(); k++) {
            for (List<String> lines : each) {
                if (k < lines.size()) {
                    interleaved.add(lines.get(k));
                }
            }
        }
        keys = fx.keyFor(locks);
        assertTrue(whole.size() > 3 * LinePipeline.CHUNK, "the trails must span several chunks: " + whole.size());
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void cleanExports_verifyAlike_andClean() {
        for (List<String> lines : List.of(whole, interleaved)) {
            VerificationReport piped = verify(lines, false);
            assertEquals(verify(lines, true), piped);
            assertTrue(piped.ok() && piped.problems().isEmpty(), piped.problems().toString());
            assertEquals(3, piped.locks().size());
        }
    }

    @Test
    void tamperedExports_reportExactlyAsLineByLine() {
        Random rnd = new Random(2026);
        int failing = 0;
        for (int k = 0; k < 300; k++) {
            List<String> lines = new ArrayList<>(k % 2 == 0 ? whole : interleaved);
            for (int m = rnd.nextInt(4); m >= 0; m--) {
                tamper(rnd, lines);
            }
            VerificationReport piped = verify(lines, false);
            VerificationReport reference = verify(lines, true);
            assertEquals(reference, piped, "tampering " + k);
            assertEquals(List.copyOf(reference.locks().keySet()), List.copyOf(piped.locks().keySet()));
            if (!piped.ok()) {
                failing++;
            }
            if (k % 10 == 0) {
                String text = String.join("\n", lines) + "\n";
                Map<String, LockHistory> pipedHistories = TrailReader.histories(new BufferedReader(new StringReader(text)));
                Map<String, LockHistory> readLineByLine;
                LinePipeline.lineByLine = true;
                try {
                    readLineByLine = TrailReader.histories(new BufferedReader(new StringReader(text)));
                } finally {
                    LinePipeline.lineByLine = false;
                }
                assertEquals(readLineByLine, pipedHistories, "histories after tampering " + k);
            }
        }
        assertTrue(failing > 200, "the tampering should mostly be caught: " + failing);
    }

    /*
     * A checkpoint deep in a long export, in a chunk prepared after the lock's key became known:
     * its signature is checked while the chunk is prepared, and check() trusts that result. A
     * forged signature there (the chain recomputed, as anyone can) must still be reported as a bad
     * signature, in both modes, and nothing after it counts as signed.
     */
    @Test
    void aForgedCheckpointDeepInTheExport_isABadSignature_whenPreparedAhead() {
        int index = -1;
        for (int i = 3 * LinePipeline.CHUNK; i < whole.size(); i++) {
            if (whole.get(i).contains("\"type\":\"TrailCheckpointed\"")) {
                index = i;
                break;
            }
        }
        assertTrue(index > 0, "a checkpoint past the third chunk");
        String lock = whole.get(index).replaceAll(".*\"lock\":\"([^\"]+)\".*", "$1");
        List<String> forged = Forgery.rechain(whole, index, line -> {
            int at = line.indexOf("signature") + 20;
            char c = line.charAt(at);
            return line.substring(0, at) + (c == 'A' ? 'B' : 'A') + line.substring(at + 1);
        });
        for (boolean lineByLine : new boolean[] {false, true}) {
            VerificationReport r = verify(forged, lineByLine);
            assertFalse(r.ok(), "lineByLine " + lineByLine);
            List<TrailProblem> bad = r.problems().stream().filter(p -> p.kind() == TrailProblem.Kind.BAD_SIGNATURE).toList();
            assertEquals(1, bad.size(), r.problems().toString());
            assertEquals(index + 1, bad.get(0).line(), r.problems().toString());
            assertEquals(lock, bad.get(0).lock());
            assertTrue(r.problems().stream().noneMatch(p -> p.kind() == TrailProblem.Kind.MODIFIED_EVENT),
                    r.problems().toString());
        }
    }

    private static void tamper(Random rnd, List<String> lines) {
        int i = rnd.nextInt(lines.size());
        String line = lines.get(i);
        switch (rnd.nextInt(8)) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, line);
            case 2 -> {
                int j = Math.min(lines.size() - 1, i + 1);
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            case 3 -> lines.add(rnd.nextInt(lines.size()), lines.remove(i));
            case 4 -> lines.set(i, flip(rnd, line, line.indexOf("\"payload\"") + 12, line.indexOf("\"chain\"") - 2));
            case 5 -> lines.set(i, flip(rnd, line, line.indexOf("\"chain\"") + 9, line.length() - 2));
            case 6 -> lines.set(i, line.replace("\"lock\":\"pipe-", rnd.nextBoolean() ? "\"lock\":\"pipx-" : "\"lock\":\"pipe-x"));
            default -> lines.set(i, flip(rnd, line, 0, line.length()));
        }
    }

    private static String flip(Random rnd, String line, int from, int to) {
        if (from < 0 || to <= from) {
            return line;
        }
        int at = from + rnd.nextInt(to - from);
        char c = line.charAt(at);
        char d = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1 + rnd.nextInt(8)) % 10)
                : c == 'a' ? 'b' : c == '"' ? '\'' : 'a';
        return line.substring(0, at) + d + line.substring(at + 1);
    }

    private static VerificationReport verify(List<String> lines, boolean lineByLine) {
        String text = String.join("\n", lines) + "\n";
        LinePipeline.lineByLine = lineByLine;
        try {
            VerificationReport r = TrailVerifier.verify(new BufferedReader(new StringReader(text)), keys);
            assertFalse(r.lines() == 0);
            return r;
        } finally {
            LinePipeline.lineByLine = false;
        }
    }
}
