package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailProblem.Kind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailRecord;
import dev.access.crypto.ChainHead;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verifier at its edges: an auditor's policy met exactly or missed by one, the range a gap
 * names, the empty export, the problem cap, over-long lines of a segment, and the arguments of a
 * continuation. A real lock's export, verified with its public key.
 */
class TrailVerifierEdgesTest {
    private static final LockId L = LockId.of("edge-lock");
    /** A second lock whose trail has no checkpoint (its commissioning and master code, a code, a grant, a denial). */
    private static final LockId U = LockId.of("edge-lock-unsigned");
    private static final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-01T09:00:00Z"));
    private static LockStore store;
    private static AccessControl access;
    private static TrailPublicKey key;
    private static TrailPublicKey unsignedKey;
    /** L's export: commissioned, a code added, a grant and a denial, then a checkpoint. */
    private static List<String> signedLines;
    /** U's export: the same without the checkpoint. */
    private static List<String> unsignedLines;

    /** One lock runtime for the class (its trails are only read by the tests). */
    @BeforeAll
    static void makeTrails() {
        store = LockStore.inMemory();
        access = AccessControl.builder().store(store).clock(clock).keyRing(InMemoryKeyRing.create())
                .checkpointEvery(1_000).build();
        for (LockId lock : List.of(L, U)) {
            access.commission(LockSetup.of(lock), "80808080".toCharArray());
            access.addCode(lock, NewCode.unrestricted(1, "alice"), "4826".toCharArray());
            enter(lock, "4826");
            enter(lock, "1111");
        }
        clock.advance(Duration.ofMinutes(5));
        access.checkpoint(L);
        key = TrailPublicKey.parse(access.publicKey(L).export());
        unsignedKey = TrailPublicKey.parse(access.publicKey(U).export());
        signedLines = List.copyOf(export(L));
        unsignedLines = List.copyOf(export(U));
    }

    @AfterAll
    static void close() {
        access.close();
        store.close();
    }

    private static void enter(LockId lock, String pin) {
        clock.advance(Duration.ofMinutes(1));
        access.enter(lock, pin.toCharArray(), EntrySource.KEYPAD);
    }

    private static List<String> export(LockId lock) {
        StringWriter out = new StringWriter();
        TrailExport.write(access, lock, out);
        return new ArrayList<>(List.of(out.toString().split("\n")));
    }

    private static VerificationReport verify(List<String> lines, TrailVerifier.Policy policy) {
        return TrailVerifier.verify(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")),
                lock -> lock.equals(L.value()) ? key : null, policy);
    }

    private static TrailRecord record(String line) {
        return TrailReader.record(line);
    }

    /** The index of the line holding sequence {@code seq}. */
    private static int indexOf(List<String> lines, long seq) {
        for (int i = 0; i < lines.size(); i++) {
            if (!TrailReader.isPersonalKeys(lines.get(i)) && record(lines.get(i)).sequence() == seq) {
                return i;
            }
        }
        throw new AssertionError("no sequence " + seq);
    }

    private static List<String> signedTrail() {
        return new ArrayList<>(signedLines);
    }

    @Test
    void thePolicy_isMetBySignaturesExactlyAtItsBounds_andMissedByOneNanosecondOrOneSequence() {
        List<String> lines = signedTrail();
        VerificationReport.LockSummary s = verify(lines, TrailVerifier.Policy.NONE).locks().get(L.value());
        Instant at = s.lastSignedAt();
        long signed = s.lastSignedSequence();

        assertTrue(verify(lines, new TrailVerifier.Policy(at, signed)).ok(), "met exactly");
        VerificationReport late = verify(lines, new TrailVerifier.Policy(at.plusNanos(1), -1));
        VerificationReport more = verify(lines, new TrailVerifier.Policy(null, signed + 1));

        assertFalse(late.ok());
        assertFalse(more.ok());
        assertEquals(List.of(Kind.POLICY_NOT_MET), late.problems().stream().map(TrailProblem::kind).toList());
        assertEquals(List.of(Kind.POLICY_NOT_MET), more.problems().stream().map(TrailProblem::kind).toList());
        assertTrue(more.problems().get(0).message().contains("signed up to sequence " + signed + ", less than the required "
                + (signed + 1)), more.problems().get(0).message());
    }

    @Test
    void aGap_namesTheMissingSequence_orTheMissingRange() {
        List<String> lines = signedTrail();
        List<String> oneGone = new ArrayList<>(lines);
        oneGone.remove(indexOf(lines, 2));
        List<String> twoGone = new ArrayList<>(lines);
        twoGone.remove(indexOf(lines, 3));
        twoGone.remove(indexOf(lines, 2));

        TrailProblem one = verify(oneGone, TrailVerifier.Policy.NONE).problems().get(0);
        TrailProblem two = verify(twoGone, TrailVerifier.Policy.NONE).problems().get(0);

        assertEquals(Kind.MISSING_EVENTS, one.kind());
        assertEquals(3, one.sequence());
        assertTrue(one.message().endsWith("sequence 3 follows 1: events 2 are missing"), one.message());
        assertEquals(Kind.MISSING_EVENTS, two.kind());
        assertTrue(two.message().endsWith("sequence 4 follows 1: events 2..3 are missing"), two.message());
    }

    @Test
    void anEmptyExport_fails_butAnEmptySegmentOfAHeldTrailIsNoProblem() {
        VerificationReport empty = TrailVerifier.verify(new BufferedReader(new StringReader("")), lock -> key);
        VerificationReport none = TrailVerifier.verifyContinuation(List.of(), L.value(), key, 5, ChainHead.GENESIS);

        assertFalse(empty.ok());
        assertEquals(0, empty.lines());
        assertEquals(1, empty.problems().size());
        assertTrue(empty.problems().get(0).message().contains("the export is empty"), empty.problems().toString());
        assertTrue(none.ok(), none.problems().toString());
        assertEquals(List.of(), none.problems());
        assertEquals(0, none.lines());
    }

    @Test
    void problemsAreCappedAtMaxProblems_butEveryLineIsCountedAndTheVerdictStaysFailed() {
        int n = TrailVerifier.MAX_PROBLEMS + 5;
        List<String> garbage = new ArrayList<>(Collections.nCopies(n, "not json"));

        VerificationReport r = verify(garbage, TrailVerifier.Policy.NONE);

        assertFalse(r.ok());
        assertEquals(n, r.lines());
        assertEquals(TrailVerifier.MAX_PROBLEMS, r.problems().size());
        assertEquals(TrailVerifier.MAX_PROBLEMS, r.problems().get(TrailVerifier.MAX_PROBLEMS - 1).line());
    }

    @Test
    void aSegmentLineLongerThanMaxLine_isMalformed_andTheLinesAfterItStillCheck() {
        List<String> lines = signedTrail();
        List<String> segment = new ArrayList<>(lines.subList(indexOf(lines, 0), lines.size()));
        segment.add(1, "x".repeat(TrailVerifier.MAX_LINE + 1));

        VerificationReport r = TrailVerifier.verifyContinuation(segment, L.value(), key, 0, ChainHead.GENESIS);

        assertFalse(r.ok());
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertEquals(Kind.MALFORMED_LINE, r.problems().get(0).kind());
        assertEquals(2, r.problems().get(0).line());
        assertTrue(r.problems().get(0).message().contains("longer than " + TrailVerifier.MAX_LINE), r.problems().toString());
        segment.set(1, "x".repeat(TrailVerifier.MAX_LINE));
        TrailProblem exactly = TrailVerifier.verifyContinuation(segment, L.value(), key, 0, ChainHead.GENESIS).problems().get(0);
        assertFalse(exactly.message().contains("longer than"), "a line of exactly MAX_LINE is read: " + exactly);
    }

    @Test
    void aContinuation_refusesANegativeNextSequence_namingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrailVerifier.verifyContinuation(List.of(), L.value(), key, -1, ChainHead.GENESIS));

        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertTrue(TrailVerifier.verifyContinuation(List.of(), L.value(), key, 0, ChainHead.GENESIS).ok());
    }

    @Test
    void aSegmentStartingLater_namesTheMissingRange_andItsUnsignedTailFromItsFirstEvent() {
        List<String> lines = unsignedLines;
        List<String> segment = new ArrayList<>(lines.subList(indexOf(lines, 3), lines.size()));
        long last = record(segment.get(segment.size() - 1)).sequence();

        VerificationReport r = TrailVerifier.verifyContinuation(segment, U.value(), unsignedKey, 1, ChainHead.GENESIS);

        TrailProblem gap = r.problems().get(0);
        assertEquals(Kind.MISSING_EVENTS, gap.kind());
        assertTrue(gap.message().endsWith("events 1..2 are missing"), gap.message());
        TrailProblem tail = r.problems().get(r.problems().size() - 1);
        assertEquals(Kind.UNSIGNED_TAIL, tail.kind());
        assertEquals(3, tail.sequence());
        assertTrue(tail.message().startsWith("events 3 to " + last + " "), tail.message());
    }
}
