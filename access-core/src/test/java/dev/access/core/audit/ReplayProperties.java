package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.access.core.NewCode;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.Credential;
import dev.access.core.domain.Credentials;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.OfflineIssuingKey;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/*
 * Random command sequences run on real locks (one AccessControl, a fresh lock per example), with
 * time advancing between commands (and, in the second property, occasional clock rollbacks). The
 * replay reads the lock's trail in audit form (digests as commitments); the reference folds the
 * store's own events (real digests) with LockDecider.fold and turns their digests into
 * commitments, so the two paths share nothing but the decider. Offline codes take part: codes of
 * the clock's hour entered (sometimes of a key revoke-all replaced), revoked by id, revoke-all.
 */
/** Replay to T equals folding the trail's prefix up to T. */
class ReplayProperties {
    private static AuditFixture fx;
    private static final AtomicInteger LOCKS = new AtomicInteger();
    /** Offline grants and refusals naming a code whose verdicts were checked again, over all examples. */
    private static final AtomicInteger OFFLINE_VERDICTS = new AtomicInteger();

    @BeforeAll
    static void open() {
        fx = new AuditFixture(10);
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void replayAtT_equalsTheFoldOfTheEventsUpToT() {
        qt().withExamples(200).withShrinkCycles(20)
                .forAll(lists().of(integers().between(0, 9_999)).ofSizeBetween(1, 30), integers().between(0, 9_999))
                .checkAssert((steps, tSeed) -> check(steps, tSeed, false));
        assertTrue(OFFLINE_VERDICTS.get() > 0, "some examples entered offline codes");
    }

    @Test
    void withClockRollbacks_replayIsStillAPrefixTheLockWasIn() {
        qt().withExamples(100).withShrinkCycles(20)
                .forAll(lists().of(integers().between(0, 9_999)).ofSizeBetween(1, 30), integers().between(0, 9_999))
                .checkAssert((steps, tSeed) -> check(steps, tSeed, true));
    }

    private static void check(List<Integer> steps, int tSeed, boolean rollbacks) {
        LockId lock = LockId.of("replay-" + LOCKS.incrementAndGet());
        fx.commission(lock);
        List<OfflineIssuingKey> keys = new ArrayList<>(List.of(fx.access.exportOfflineIssuingKey(lock)));
        for (int v : steps) {
            step(lock, v, rollbacks, keys);
        }
        LockHistory history = LockHistory.of(fx.access, lock);
        List<LockEvent> live = fx.access.events(lock);
        assertEquals(live.size(), history.events().size());
        boolean monotone = true;
        for (int i = 1; i < live.size(); i++) {
            monotone &= !live.get(i).at().isBefore(live.get(i - 1).at());
        }
        List<Instant> ts = new ArrayList<>();
        Instant first = live.get(0).at();
        Instant last = live.get(live.size() - 1).at();
        ts.add(first.minusSeconds(1));
        ts.add(last.plusSeconds(3600));
        Instant chosen = live.get(tSeed % live.size()).at();
        ts.add(chosen);
        ts.add(chosen.minusNanos(1));
        ts.add(chosen.plusSeconds(tSeed % 97));
        for (Instant t : ts) {
            ReplayView view = Replay.at(history, t);
            List<LockEvent> prefix = new ArrayList<>();
            for (LockEvent e : live) {
                if (e.at().isAfter(t)) {
                    break;
                }
                prefix.add(e);
            }
            LockState expected = auditForm(LockDecider.fold(prefix));
            assertEquals(expected, view.state(), "state at " + t);
            assertEquals(prefix.size(), view.eventsApplied());
            assertEquals(prefix.isEmpty() ? -1 : history.events().get(prefix.size() - 1).sequence(), view.lastSequence());
            if (monotone) {
                List<LockEvent> filtered = live.stream().filter(e -> !e.at().isAfter(t)).toList();
                assertEquals(prefix, filtered, "without rollbacks the prefix is every event with at <= T");
            }
            assertEquals(view.state().credentials().size(), view.slots().size());
            long attempts = prefix.stream().filter(e -> e instanceof LockEvent.EntryGranted
                    || e instanceof LockEvent.EntryDenied).count();
            if (monotone) {
                assertEquals(attempts, Replay.attempts(history, Instant.MIN, t.plusNanos(1)).size());
            }
        }
        // The slot verdicts are the decider's: every recorded outcome of a recognised code agrees.
        LockState s = LockState.initial();
        for (int i = 0; i < live.size(); i++) {
            LockEvent e = live.get(i);
            LockEvent before = i == 0 ? null : live.get(i - 1);
            boolean clean = !(before instanceof LockEvent.LockoutCleared || before instanceof LockEvent.ClockRollbackDetected);
            if (clean && e instanceof LockEvent.EntryGranted && ((LockEvent.EntryGranted) e).offlineCode() != null) {
                LockEvent.EntryGranted g = (LockEvent.EntryGranted) e;
                assertEquals(null, Replay.offlineVerdict(s, g.offlineCode(), g.at(), g.source()),
                        "grant of offline code " + g.offlineCode().id() + " at " + g.at());
                OFFLINE_VERDICTS.incrementAndGet();
            } else if (clean && e instanceof LockEvent.EntryGranted) {
                LockEvent.EntryGranted g = (LockEvent.EntryGranted) e;
                Credential c = s.credentials().get(g.slot());
                assertNotNull(c);
                assertEquals(null, Replay.verdict(s, c, g.at(), g.source()), "grant of slot " + g.slot() + " at " + g.at());
            }
            if (clean && e instanceof LockEvent.EntryDenied && ((LockEvent.EntryDenied) e).offlineCode() != null) {
                LockEvent.EntryDenied d = (LockEvent.EntryDenied) e;
                assertEquals(d.reason(), Replay.offlineVerdict(s, d.offlineCode(), d.at(), d.source()),
                        "denial of offline code " + d.offlineCode().id());
                OFFLINE_VERDICTS.incrementAndGet();
            }
            if (clean && e instanceof LockEvent.EntryDenied && ((LockEvent.EntryDenied) e).slot() != null) {
                LockEvent.EntryDenied d = (LockEvent.EntryDenied) e;
                Credential c = s.credentials().get(d.slot());
                assertEquals(d.reason(), Replay.verdict(s, c, d.at(), d.source()), "denial of slot " + d.slot());
            }
            s = LockDecider.evolve(s, e);
        }
    }

    /** The state with every digest replaced by its commitment, as the audit form carries it. */
    static LockState auditForm(LockState s) {
        Credentials c = Credentials.EMPTY;
        for (Credential x : s.credentials().all()) {
            c = c.with(new Credential(x.slot(), x.type(), x.name(), x.digest().commitment(), x.rules(), x.suspended(), x.uses(), x.firstUsedAt(),
                    x.addedAt(), x.changedAt(), x.addedBy(), x.changedBy()));
        }
        return s.withCredentials(c);
    }

    private static void step(LockId lock, int v, boolean rollbacks, List<OfflineIssuingKey> keys) {
        int kind = v % 19;
        int arg = v / 19;
        fx.advance(Duration.ofSeconds(arg % 5 == 0 ? 0 : (arg * 37L) % 7200));
        String pin = AuditFixture.PINS[arg % 4];
        try {
            switch (kind) {
                case 0: case 1: case 2:
                    fx.access.enter(lock, AuditFixture.pin(pin), arg % 3 == 0 ? EntrySource.REMOTE : EntrySource.KEYPAD);
                    break;
                case 3: case 4:
                    fx.access.enter(lock, AuditFixture.pin(AuditFixture.WRONG), EntrySource.KEYPAD);
                    break;
                case 5:
                    fx.access.addCode(lock, newCode(arg), AuditFixture.pin(pin));
                    break;
                case 6:
                    fx.access.suspendCode(lock, 1 + arg % 4);
                    break;
                case 7:
                    fx.access.resumeCode(lock, 1 + arg % 4);
                    break;
                case 8:
                    fx.access.removeCode(lock, 1 + arg % 4);
                    break;
                case 9:
                    fx.access.changeMode(lock, OperatingMode.values()[arg % 4], "user-" + arg % 3);
                    break;
                case 10:
                    fx.access.reportBattery(lock, arg % 101);
                    break;
                case 11:
                    fx.access.changeCode(lock, arg % 4, AuditFixture.pin(AuditFixture.PINS[4 + arg % 2]));
                    break;
                case 12:
                    fx.access.clearLockout(lock, "admin");
                    break;
                case 13:
                    fx.access.reportDeviceEvent(lock, DeviceEventKind.values()[arg % 4]);
                    break;
                case 16:
                    // An offline code of this hour (of the current key, now and then an older one).
                    try (IssuedOfflineCode c = offlineCode(keys.get(arg % 5 == 0 ? 0 : keys.size() - 1), arg)) {
                        fx.access.enter(lock, c.pin(), arg % 7 == 0 ? EntrySource.REMOTE : EntrySource.KEYPAD);
                    }
                    break;
                case 17:
                    try (IssuedOfflineCode c = offlineCode(keys.get(keys.size() - 1), arg)) {
                        fx.access.revokeOfflineCode(lock, c.codeId(), c.until());
                    }
                    break;
                case 18:
                    fx.access.revokeAllOfflineCodes(lock);
                    keys.add(fx.access.exportOfflineIssuingKey(lock));
                    break;
                case 14:
                    if (rollbacks) {
                        fx.advance(Duration.ofSeconds(-(1 + arg % 7200)));
                    } else {
                        fx.access.updateFirmware(lock, "2." + arg % 3);
                    }
                    break;
                default:
                    if (rollbacks) {
                        fx.access.setClock(lock, fx.clock.instant());
                    } else {
                        fx.access.enter(lock, AuditFixture.pin("123"), EntrySource.KEYPAD);
                    }
                    break;
            }
        } catch (LockCommandRejected e) {
            // Refused commands record nothing: part of the sequence all the same.
        }
    }

    /** The code {@code arg} picks among those of the clock's hour: plain or one-time, 1 to 6 hours, one of 4 variants. */
    private static IssuedOfflineCode offlineCode(OfflineIssuingKey key, int arg) {
        Instant hour = fx.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return key.issuePlain(hour, hour.plus(Duration.ofHours(1 + arg % 6)), arg % 2 == 0, (arg / 2) % 4);
    }

    private static NewCode newCode(int arg) {
        int slot = 1 + arg % 4;
        Instant now = fx.clock.instant();
        switch (arg % 5) {
            case 0:
                return NewCode.unrestricted(slot, "u" + slot);
            case 1:
                return NewCode.of(slot, UserType.YEAR_DAY_SCHEDULE, "y" + slot,
                        CodeRules.window(now.plusSeconds(arg % 3600), now.plusSeconds(3600 + arg % 20000)));
            case 2:
                return NewCode.of(slot, UserType.WEEK_DAY_SCHEDULE, "w" + slot, CodeRules.none().withSchedules(List.of(
                        new WeekDaySchedule(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY), LocalTime.of(8, 0),
                                LocalTime.of(9, 30)))));
            case 3:
                return NewCode.of(slot, UserType.DISPOSABLE, "d" + slot, CodeRules.none());
            default:
                return NewCode.of(slot, UserType.EXPIRING, "e" + slot,
                        CodeRules.none().withExpireAfterFirstUse(Duration.ofSeconds(600 + arg % 3000)));
        }
    }
}
