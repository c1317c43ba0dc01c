package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.audit.TrailProblem.Kind;
import dev.access.core.audit.VerificationReport.LockSummary;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A problem's verdict and its one line (what {@code lockctl verify} prints), and a lock summary's
 * two questions (pruned? signed?) at their edges. No lock runtime runs here.
 */
class TrailProblemTest {

    @Test
    void everyKindButAnUnsignedTail_failsVerification() {
        for (Kind k : Kind.values()) {
            assertEquals(k != Kind.UNSIGNED_TAIL, new TrailProblem(3, "front", 2, k, "m").isFailure(), k.name());
        }
    }

    @Test
    void theLine_namesItsLineNumber_whenThereIsOne() {
        assertEquals("line 1: MODIFIED_EVENT: payload changed",
                new TrailProblem(1, "front", 0, Kind.MODIFIED_EVENT, "payload changed").toString());
        assertEquals("line 42: UNSIGNED_TAIL: 3 events after the last checkpoint",
                new TrailProblem(42, "front", 9, Kind.UNSIGNED_TAIL, "3 events after the last checkpoint").toString());
        assertEquals("NOT_SIGNED: no checkpoint of front verified",
                new TrailProblem(0, "front", -1, Kind.NOT_SIGNED, "no checkpoint of front verified").toString(),
                "line 0 is the export as a whole");
    }

    @Test
    void aSummary_isAnchoredFromSequenceZero_andSignedFromSequenceZero() {
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        LockSummary fromStart = new LockSummary(10, 9, 2, 7, t);
        assertFalse(fromStart.anchored());
        assertTrue(fromStart.signed());
        assertEquals(-1, fromStart.anchorSequence());
        assertEquals(0, fromStart.readablePeople());

        LockSummary unsigned = new LockSummary(3, 2, 0, -1, null);
        assertFalse(unsigned.signed());

        assertTrue(new LockSummary(1, 0, 1, 0, t, 0, 0, 0, t).anchored(), "an anchor at sequence 0");
        assertTrue(new LockSummary(1, 0, 1, 0, t, 0, 0, 0, t).signed(), "signed up to sequence 0");
        assertTrue(new LockSummary(5, 16, 1, 16, t, 0, 0, 12, t).anchored());
        assertFalse(new LockSummary(5, 16, 1, 16, t, 0, 0, -1, null).anchored());
    }
}
