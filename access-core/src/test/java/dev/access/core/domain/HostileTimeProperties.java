package dev.access.core.domain;

import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.WRONG_PIN;
import static org.junit.jupiter.api.Assertions.fail;

import dev.access.core.audit.AccessReport;
import dev.access.core.audit.Diagnosis;
import dev.access.core.audit.HtmlTimeline;
import dev.access.core.audit.LockHistory;
import dev.access.core.audit.Replay;
import dev.access.core.audit.SupportBundle;
import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.LockoutStarted;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Any instant, Instant.MIN and MAX included, fed to every command or forged into the trail, never
 * makes decide, evolve, Replay, the reports, the HTML timeline, the diagnosis or the support
 * bundle throw anything but the documented {@link LockCommandRejected}.
 */
class HostileTimeProperties {
    private static final int RUNS = 25;
    private static final int STEPS = 40;

    /** The instants every run draws from first: the ends of time, the bounds and their neighbours. */
    private static final List<Instant> EXTREMES = List.of(Instant.MIN, Instant.MAX, Instant.MIN.plusSeconds(1),
            Instant.MAX.minusSeconds(1), ClockFaultTest.FAR, Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("-0001-01-01T00:00:00Z"), Instant.EPOCH.minusSeconds(1), Instant.EPOCH,
            LockDecider.LATEST_TIME, LockDecider.LATEST_TIME.plusSeconds(1), T0);

    private static Instant anyInstant(Random r) {
        switch (r.nextInt(4)) {
            case 0:
                return EXTREMES.get(r.nextInt(EXTREMES.size()));
            case 1: {
                long lo = Instant.MIN.getEpochSecond();
                long hi = Instant.MAX.getEpochSecond();
                return Instant.ofEpochSecond(lo + (long) (r.nextDouble() * ((double) hi - lo)));
            }
            default:
                return T0.plusSeconds(r.nextInt(30 * 86_400) - 86_400L);
        }
    }

    /** A lock with a permanent code, a schedule, an expiring code, a window and a use limit. */
    private static List<LockEvent> start() {
        List<LockEvent> events = new ArrayList<>(LockFixture.commissioned(LockFixture.policy(2, Duration.ofSeconds(60))));
        events.add(LockFixture.codeAdded(1, UserType.UNRESTRICTED, USER_PIN));
        events.add(LockFixture.codeAdded(2, UserType.WEEK_DAY_SCHEDULE, LockFixture.OTHER_PIN,
                LockFixture.scheduled(LockFixture.schedule(LockFixture.weekdays(), "09:00", "17:00"))));
        events.add(LockFixture.codeAdded(3, UserType.EXPIRING, "111222",
                CodeRules.none().withExpireAfterFirstUse(Duration.ofDays(366))));
        events.add(LockFixture.codeAdded(4, UserType.YEAR_DAY_SCHEDULE, "333444",
                CodeRules.window(T0, LockDecider.LATEST_TIME)));
        events.add(LockFixture.codeAdded(5, UserType.UNRESTRICTED, "555666", CodeRules.none().withMaxUses(3)));
        return events;
    }

    /** Events a forged export (or a trail from before the bound) may hold: any instant anywhere. */
    private static List<LockEvent> forged(Random r) {
        return List.of(
                new BatteryReported(LOCK, anyInstant(r), 50, BatteryLevel.OK),
                new EntryDenied(LOCK, anyInstant(r), EntrySource.KEYPAD, DenialReason.UNKNOWN_CODE, null, null, true),
                new LockoutStarted(LOCK, anyInstant(r), anyInstant(r), r.nextInt(40), 5),
                new EntryGranted(LOCK, anyInstant(r), EntrySource.KEYPAD, 3, UserType.EXPIRING, 1),
                new CodeAdded(LOCK, anyInstant(r), 6, UserType.YEAR_DAY_SCHEDULE, "w", LockFixture.digest("777888"),
                        CodeRules.window(Instant.MIN, Instant.MAX)),
                new LockEvent.ClockRollbackDetected(LOCK, anyInstant(r), anyInstant(r)),
                new LockEvent.ClockFaultDetected(LOCK, anyInstant(r), anyInstant(r)));
    }

    private static List<LockCommand> commands(Instant at) {
        List<LockCommand> all = new ArrayList<>();
        for (LockCommand c : DispatchTest.oneCommandOfEach()) {
            all.add(c.restampedAt(at));
        }
        all.add(LockFixture.enter(WRONG_PIN, at));
        all.add(LockFixture.enter(USER_PIN, at));
        all.add(LockFixture.enter("111222", at));
        all.add(LockFixture.enter("333444", at));
        return all;
    }

    @Test
    void anyInstantInAnyCommandOrEvent_neverThrowsButTheDocumentedRefusal() {
        for (int run = 0; run < RUNS; run++) {
            long seed = 0x5EC16L + run;
            Random r = new Random(seed);
            List<LockEvent> trail = new ArrayList<>(start());
            if (run % 2 == 1) {
                trail.addAll(forged(r));
            }
            LockState s = fold(trail, seed, -1);
            for (int step = 0; step < STEPS; step++) {
                List<LockCommand> choices = commands(anyInstant(r));
                LockCommand c = choices.get(r.nextInt(choices.size()));
                List<LockEvent> decided;
                try {
                    decided = LockDecider.decide(c, s);
                } catch (LockCommandRejected refused) {
                    continue;
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + ", step " + step + ": decide(" + c + ") threw", e);
                }
                for (LockEvent e : decided) {
                    if (!Instants.isPlausible(e.at())) {
                        fail("seed " + seed + ", step " + step + ": " + c + " recorded an implausible time: " + e);
                    }
                }
                trail.addAll(decided);
                s = fold(trail, seed, step);
            }
            audit(trail, r, seed);
        }
    }

    private static LockState fold(List<LockEvent> trail, long seed, int step) {
        try {
            return LockDecider.fold(trail);
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ", step " + step + ": evolve threw", e);
        }
    }

    /** Every reader of a trail, at hostile instants too. */
    private static void audit(List<LockEvent> trail, Random r, long seed) {
        LockHistory h = LockHistory.ofEvents(LOCK, trail);
        try {
            AccessReport.writeCsv(h, new StringWriter());
            AccessReport.writeJson(h, new StringWriter());
            HtmlTimeline.write(h, new StringWriter());
            Replay.attempts(h);
            for (int i = 0; i < 4; i++) {
                Instant t = anyInstant(r);
                Replay.at(h, t);
                for (Integer slot : new Integer[] {null, 1, 2, 3, 4, 5, 6}) {
                    Diagnosis.Question q = Diagnosis.Question.at(t);
                    Diagnosis.diagnose(h, slot == null ? q : q.slot(slot));
                }
                SupportBundle.write(h, Diagnosis.Question.at(t).slot(3), new StringWriter());
            }
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ": an audit reader threw on " + trail, e);
        }
    }
}
