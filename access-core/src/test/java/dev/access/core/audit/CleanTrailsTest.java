package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.access.core.LockSetup;
import dev.access.core.NewCode;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.crypto.TrailPublicKey;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/*
 * 10,000 short real trails by default (-Dclean.trails=N for another number), each commissioned,
 * given one or two commands and a checkpoint, exported and verified on its own.
 *
 * Why batches: Axon's in-memory storage engine reads one aggregate's events by scanning every
 * event in the store, so with ONE AccessControl holding all 10,000 locks each load and each
 * export costs O(all events) and the whole run is quadratic (measured: 86 s to build, 105 s to
 * export and verify). The locks are therefore spread over AccessControl instances of
 * -Dclean.batch=1000 locks each (one instance per batch, not per lock).
 */
/** Clean trails never raise a false alarm. */
class CleanTrailsTest {
    private static final int TRAILS = Integer.getInteger("clean.trails", 10_000);
    private static final int BATCH = Integer.getInteger("clean.batch", 1_000);

    @Test
    void tenThousandCleanTrails_allVerify_withNoProblem() {
        long build = 0;
        long check = 0;
        long lines = 0;
        int verified = 0;
        int falseAlarms = 0;
        String first = null;
        for (int base = 0; base < TRAILS; base += BATCH) {
            try (AuditFixture fx = new AuditFixture(100)) {
                long t0 = System.nanoTime();
                List<LockId> locks = new ArrayList<>(BATCH);
                for (int i = base; i < Math.min(TRAILS, base + BATCH); i++) {
                    locks.add(shortTrail(fx, i));
                }
                long t1 = System.nanoTime();
                for (LockId lock : locks) {
                    StringWriter w = new StringWriter();
                    lines += TrailExport.write(fx.access, lock, w);
                    TrailPublicKey key = fx.access.publicKey(lock);
                    VerificationReport r = AuditFixture.verify(w.toString(), id -> id.equals(lock.value()) ? key : null);
                    verified++;
                    if (!r.ok() || !r.problems().isEmpty()) {
                        falseAlarms++;
                        first = first == null ? lock + ": " + r.problems() : first;
                    }
                }
                build += System.nanoTime() - t0 - (System.nanoTime() - t1);
                check += System.nanoTime() - t1;
            }
        }
        System.out.printf("clean trails: %d locks in batches of %d, %d lines; build %d ms, export+verify %d ms%n",
                verified, BATCH, lines, build / 1_000_000, check / 1_000_000);
        assertEquals(TRAILS, verified);
        assertEquals(0, falseAlarms, "false alarms, first: " + first);
    }

    private static LockId shortTrail(AuditFixture fx, int i) {
        LockId lock = LockId.of("clean-" + i);
        fx.access.commission(LockSetup.of(lock), AuditFixture.pin(AuditFixture.MASTER));
        fx.advance(Duration.ofSeconds(1 + i % 7));
        switch (i % 4) {
            case 0:
                fx.access.addCode(lock, NewCode.unrestricted(1, "user-" + i), AuditFixture.pin(AuditFixture.PINS[0]));
                break;
            case 1:
                fx.access.enter(lock, AuditFixture.pin(AuditFixture.WRONG), EntrySource.KEYPAD);
                fx.access.enter(lock, AuditFixture.pin(AuditFixture.MASTER), EntrySource.KEYPAD);
                break;
            case 2:
                fx.access.reportBattery(lock, i % 101);
                break;
            default:
                fx.access.addCode(lock, NewCode.unrestricted(7, null), AuditFixture.pin(AuditFixture.PINS[1]));
                fx.access.suspendCode(lock, 7);
                break;
        }
        fx.access.checkpoint(lock);
        return lock;
    }
}
