package dev.access.core.domain;

import dev.access.core.domain.LockCommand.AddCode;
import dev.access.core.domain.LockCommand.CommissionLock;
import dev.access.core.domain.LockCommand.EnterCode;
import dev.access.core.domain.LockCommand.EnterMalformedCode;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.EntryDenied;
import dev.access.core.domain.LockEvent.EntryGranted;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.PinCode;
import dev.access.crypto.PinPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Real digests, a fixed lock, fixed instants and the standard commissioning events for decider tests. */
final class LockFixture {
    static final LockId LOCK = LockId.of("front-door-1");
    static final String ZONE = "Europe/Berlin";
    static final String MODEL = "KP-200";
    static final String SERIAL = "SN-0001";
    static final String FIRMWARE = "1.0.0";
    /** The key epoch the lock is commissioned with. */
    static final int EPOCH = 1;
    /** The key epoch a factory reset moves to. */
    static final int NEXT_EPOCH = 2;

    /** 2026-03-01T08:00:00Z, a Sunday (09:00 in Berlin): commissioning and every given code. */
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    static final String MASTER_PIN = "123456";
    static final String USER_PIN = "246801";
    static final String OTHER_PIN = "135790";
    static final String WRONG_PIN = "999999";

    static final InMemoryKeyRing KEY_RING = InMemoryKeyRing.create();
    private static final Set<CodeDigest> ISSUED = ConcurrentHashMap.newKeySet();

    static {
        int first = KEY_RING.createEpoch(LOCK.value());
        int second = KEY_RING.createEpoch(LOCK.value());
        if (first != EPOCH || second != NEXT_EPOCH) {
            throw new IllegalStateException("unexpected epochs " + first + ", " + second);
        }
    }

    private LockFixture() {
    }

    /** The real digest of {@code pin} under the lock's epoch 1 key. */
    static CodeDigest digest(String pin) {
        return digest(pin, EPOCH);
    }

    /** The real digest of {@code pin} under the lock's key for {@code epoch}. */
    static CodeDigest digest(String pin, int epoch) {
        char[] typed = pin.toCharArray();
        try (PinCode code = PinCode.of(typed, PinPolicy.defaults())) {
            CodeDigest d = KEY_RING.digester(LOCK.value(), epoch).digest(code);
            ISSUED.add(d);
            return d;
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    /** Every digest this fixture has made, so refusals can be checked for leaks. */
    static Set<CodeDigest> issuedDigests() {
        return Set.copyOf(ISSUED);
    }

    /** T0 plus {@code d}. */
    static Instant at(Duration d) {
        return T0.plus(d);
    }

    static Instant seconds(long s) {
        return T0.plusSeconds(s);
    }

    static Instant minutes(long m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    static Instant hours(long h) {
        return T0.plus(Duration.ofHours(h));
    }

    static Instant days(long d) {
        return T0.plus(Duration.ofDays(d));
    }

    // ---- policies and rules

    /** The default policy with another wrong-code limit and base lockout duration. */
    static LockoutPolicy policy(int limit, Duration duration) {
        return LockoutPolicy.defaults().with(limit, duration);
    }

    static WeekDaySchedule schedule(Set<DayOfWeek> days, String from, String until) {
        return new WeekDaySchedule(days, LocalTime.parse(from), LocalTime.parse(until));
    }

    static Set<DayOfWeek> everyDay() {
        return EnumSet.allOf(DayOfWeek.class);
    }

    static Set<DayOfWeek> weekdays() {
        return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }

    static CodeRules scheduled(WeekDaySchedule... schedules) {
        return CodeRules.none().withSchedules(List.of(schedules));
    }

    // ---- events

    static LockCommissioned lockCommissioned(LockoutPolicy policy) {
        return new LockCommissioned(LOCK, T0, MODEL, SERIAL, FIRMWARE, ZONE, PinPolicy.defaults(), policy, EPOCH, 10);
    }

    static CodeAdded masterAdded() {
        return new CodeAdded(LOCK, T0, 0, UserType.PROGRAMMING, "master", digest(MASTER_PIN), CodeRules.none());
    }

    /** The standard commissioning pair: LockCommissioned (default policies) and the master code in slot 0. */
    static List<LockEvent> commissioned() {
        return commissioned(LockoutPolicy.defaults());
    }

    /** The commissioning pair with a lockout policy of the test's choosing. */
    static List<LockEvent> commissioned(LockoutPolicy policy) {
        return List.of(lockCommissioned(policy), masterAdded());
    }

    static CodeAdded codeAdded(int slot, UserType type, String pin) {
        return codeAdded(slot, type, pin, CodeRules.none());
    }

    static CodeAdded codeAdded(int slot, UserType type, String pin, CodeRules rules) {
        return new CodeAdded(LOCK, T0, slot, type, "user " + slot, digest(pin), rules);
    }

    static EntryGranted granted(Instant at, int slot, UserType type, int useCount) {
        return new EntryGranted(LOCK, at, EntrySource.KEYPAD, slot, type, useCount);
    }

    static EntryGranted masterGranted(Instant at) {
        return granted(at, 0, UserType.PROGRAMMING, 1);
    }

    /** A keypad denial that does not count as a wrong code. */
    static EntryDenied denied(Instant at, DenialReason reason, Integer slot) {
        return new EntryDenied(LOCK, at, EntrySource.KEYPAD, reason, slot, null, false);
    }

    /** A keypad unknown-code denial below the lockout limit. */
    static EntryDenied wrong(Instant at) {
        return new EntryDenied(LOCK, at, EntrySource.KEYPAD, DenialReason.UNKNOWN_CODE, null, null, true);
    }

    /** A keypad refusal during a timed lockout ending {@code until}: recorded, not counted. */
    static EntryDenied lockedOut(Instant at, Instant until) {
        return new EntryDenied(LOCK, at, EntrySource.KEYPAD, DenialReason.LOCKED_OUT, null, until, false);
    }

    // ---- commands

    static CommissionLock commission(Instant at) {
        return new CommissionLock(LOCK, at, MODEL, SERIAL, FIRMWARE, ZONE, PinPolicy.defaults(),
                LockoutPolicy.defaults(), digest(MASTER_PIN), EPOCH);
    }

    static EnterCode enter(String pin, Instant at) {
        return new EnterCode(LOCK, at, EntrySource.KEYPAD, digest(pin), EPOCH);
    }

    static EnterCode enterRemote(String pin, Instant at) {
        return new EnterCode(LOCK, at, EntrySource.REMOTE, digest(pin), EPOCH);
    }

    static EnterMalformedCode enterMalformed(Instant at) {
        return new EnterMalformedCode(LOCK, at, EntrySource.KEYPAD, "TOO_SHORT", 2);
    }

    static AddCode addCode(int slot, UserType type, String pin, CodeRules rules, Instant at) {
        return new AddCode(LOCK, at, slot, type, "user " + slot, digest(pin), rules, EPOCH);
    }
}
