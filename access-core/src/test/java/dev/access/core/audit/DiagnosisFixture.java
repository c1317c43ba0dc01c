package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.access.core.audit.Diagnosis.Question;
import dev.access.core.audit.Finding.Code;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** The diagnosis tests' ground: one fixture per test class, a fresh lock per test, and their helpers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DiagnosisFixture {
    static final Instant T0 = AuditFixture.T0; // Monday 2026-07-06, 08:00 in Berlin
    private static final AtomicInteger N = new AtomicInteger();
    AuditFixture fx;
    LockId lock;

    @BeforeAll
    void open() {
        fx = new AuditFixture(100);
    }

    @AfterAll
    void close() {
        fx.close();
    }

    @BeforeEach
    void newLock() {
        fx.clock.set(T0);
        lock = LockId.of("diag-" + N.incrementAndGet());
    }

    Question now() {
        return Question.at(fx.clock.instant());
    }

    LockHistory history() {
        return LockHistory.of(fx.access, lock);
    }

    /** Diagnoses the lock, checking that every finding's evidence names events of its trail. */
    List<Finding> diagnose(Question q) {
        LockHistory h = history();
        List<Finding> found = Diagnosis.diagnose(h, q);
        for (Finding f : found) {
            for (long seq : f.evidence()) {
                assertTrue(h.events().stream().anyMatch(e -> e.sequence() == seq),
                        f.code() + " names sequence " + seq + ", which is no event of the trail");
            }
        }
        return found;
    }

    static Finding find(List<Finding> found, Code code) {
        return found.stream().filter(f -> f.code() == code).findFirst()
                .orElseGet(() -> fail("no " + code + " among " + codes(found)));
    }

    static void absent(List<Finding> found, Code code) {
        assertFalse(found.stream().anyMatch(f -> f.code() == code), code + " found among " + codes(found));
    }

    private static String codes(List<Finding> found) {
        return found.stream().map(f -> f.code() + ": " + summary(f)).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    static String summary(Finding f) {
        return FindingRenderer.english().summary(f);
    }

    static String nextStep(Finding f) {
        return FindingRenderer.english().nextStep(f);
    }

    /** The sequence numbers of the trail's events matching {@code p}. */
    List<Long> seqs(Predicate<LockEvent> p) {
        return history().events().stream().filter(e -> p.test(e.event())).map(SequencedEvent::sequence).toList();
    }

    long seq(Predicate<LockEvent> p) {
        List<Long> s = seqs(p);
        assertEquals(1, s.size(), "exactly one matching event");
        return s.get(0);
    }
}
