package dev.access.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.access.core.domain.CodeRules;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommand;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.PinCode;
import dev.access.crypto.PinPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/*
 * Model-based test: long random command sequences run against the decider (decide, then evolve)
 * and against a deliberately naive reference model written from the rules in DESIGN.md (a linear
 * scan over slots comparing PIN indices, plain counters), compared after every step. On failure,
 * QuickTheories shrinks the sequence and prints it (each step says what it does) with the seed.
 *
 * Named invariants, checked on every step:
 *   "removed/suspended/expired/used-up never opens"
 *   "lockout engages exactly at the limit"
 *   "restart gives the same state"      (folding the trail so far equals the live state)
 */
/** The decider agrees with a naive reference model over random command sequences. */
class LockModelProperties {
    private static final LockId LOCK = LockId.of("model-lock");
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final int LIMIT = 3;
    private static final LockoutPolicy POLICY = new LockoutPolicy(LIMIT, Duration.ofSeconds(60),
            Duration.ofSeconds(240), Duration.ofHours(1), 10_000);
    /** PIN pool: index 0 is the master code. */
    private static final String[] PINS = {"90817263", "100001", "200002", "300003", "400004", "500005", "600006"};
    private static final int WINDOW_SECONDS = 300;

    /** One step of a sequence; {@code toString} says what it does. */
    record Step(int kind, int a, int b) {
        int pin() {
            return Math.min(b, PINS.length - 1);
        }

        @Override
        public String toString() {
            switch (kind) {
                case 0: return "add(slot " + a + ", pin #" + pin() + ", " + Kind.values()[b % Kind.values().length] + ")";
                case 1: return "change(slot " + a + ", pin #" + pin() + ")";
                case 2: return "suspend(slot " + a + ")";
                case 3: return "resume(slot " + a + ")";
                case 4: return "remove(slot " + a + ")";
                case 5: return b == 9 ? "enter(malformed)" : "enter(pin #" + pin() + ")";
                case 6: return "advance(" + (a * 37 + b) + " s)";
                case 7: return "mode(" + OperatingMode.values()[b % 3] + ")";
                case 8: return "restart";
                default: return "factory reset + recommission";
            }
        }
    }

    /** The code kinds the model knows. */
    enum Kind { PERMANENT, DISPOSABLE, TWO_USES, WINDOW }

    static final class MCode {
        final int pin;
        final Kind kind;
        final Instant addedAt;
        boolean suspended;
        int uses;

        MCode(int pin, Kind kind, Instant addedAt) {
            this.pin = pin;
            this.kind = kind;
            this.addedAt = addedAt;
        }

        boolean usedUp() {
            return (kind == Kind.DISPOSABLE && uses >= 1) || (kind == Kind.TWO_USES && uses >= 2);
        }

        boolean expired(Instant now) {
            return kind == Kind.WINDOW && !now.isBefore(addedAt.plusSeconds(WINDOW_SECONDS));
        }
    }

    /** The naive reference model. */
    static final class Model {
        final TreeMap<Integer, MCode> slots = new TreeMap<>();
        OperatingMode mode = OperatingMode.NORMAL;
        int consecutive;
        int level;
        Instant lockedUntil;

        Integer slotOf(int pin) {
            for (Map.Entry<Integer, MCode> e : slots.entrySet()) {
                if (e.getValue().pin == pin) {
                    return e.getKey();
                }
            }
            return null;
        }

        /** Null when granted, else the reason. */
        DenialReason enter(Integer pin, Instant now) {
            if (lockedUntil != null && now.isBefore(lockedUntil)) {
                return DenialReason.LOCKED_OUT;
            }
            if (mode == OperatingMode.PRIVACY) {
                return DenialReason.MODE_FORBIDS;
            }
            Integer slot = pin == null ? null : slotOf(pin);
            if (slot == null) {
                consecutive++;
                if (consecutive >= LIMIT) {
                    int l = lockedUntil != null && !now.isBefore(lockedUntil.plus(Duration.ofHours(1))) ? 0 : level;
                    long seconds = Math.min(60L << Math.min(l, 10), 240);
                    lockedUntil = now.plusSeconds(seconds);
                    level = l + 1;
                    consecutive = 0;
                }
                return pin == null ? DenialReason.MALFORMED : DenialReason.UNKNOWN_CODE;
            }
            MCode c = slots.get(slot);
            if (c.suspended) {
                return DenialReason.SUSPENDED;
            }
            if (mode == OperatingMode.VACATION && slot != 0) {
                return DenialReason.MODE_FORBIDS;
            }
            if (c.usedUp()) {
                return DenialReason.USE_LIMIT_REACHED;
            }
            if (c.expired(now)) {
                return DenialReason.EXPIRED;
            }
            consecutive = 0;
            c.uses++;
            return null;
        }
    }

    /** The system under test: decider state plus its trail. */
    static final class Real {
        final KeyRing ring = InMemoryKeyRing.create();
        final Map<String, CodeDigest> digests = new HashMap<>();
        final List<LockEvent> trail = new ArrayList<>();
        LockState state = LockState.initial();
        int epoch;

        CodeDigest digest(int pin) {
            return digests.computeIfAbsent(epoch + "/" + pin, k -> {
                try (PinCode p = PinCode.of(PINS[pin].toCharArray(), PinPolicy.defaults())) {
                    return ring.digester(LOCK.value(), epoch).digest(p);
                }
            });
        }

        List<LockEvent> run(LockCommand c) {
            List<LockEvent> events = LockDecider.decide(c, state);
            for (LockEvent e : events) {
                state = LockDecider.evolve(state, e);
                trail.add(e);
            }
            return events;
        }

        void commission(Instant now) {
            epoch = ring.createEpoch(LOCK.value());
            run(new LockCommand.CommissionLock(LOCK, now, "model", "sn", "1", "UTC", PinPolicy.defaults(), POLICY,
                    digest(0), epoch));
        }
    }

    static Gen<Step> steps() {
        Gen<Integer> kinds = integers().between(0, 30).map(k -> k < 5 ? 0 : k < 7 ? 1 : k < 8 ? 2 : k < 9 ? 3
                : k < 10 ? 4 : k < 22 ? 5 : k < 26 ? 6 : k < 28 ? 7 : k < 30 ? 8 : 9);
        return kinds.zip(integers().between(0, 4), integers().between(0, 9), Step::new);
    }

    @Test
    void deciderAgreesWithNaiveModel_overRandomCommandSequences() {
        qt().withExamples(300).withShrinkCycles(200)
                .forAll(lists().of(steps()).ofSizeBetween(1, 150))
                .checkAssert(LockModelProperties::check);
    }

    @Test
    void aLongSequence_agreesWithTheModel() {
        List<Step> script = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            script.add(new Step(i % 10 == 0 ? 0 : i % 7 == 0 ? 6 : 5, 1 + i % 4, i % 10));
        }
        check(script);
    }

    static void check(List<Step> steps) {
        Real real = new Real();
        Model model = new Model();
        Instant now = T0;
        real.commission(now);
        model.slots.put(0, new MCode(0, Kind.PERMANENT, now));
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String where = "step " + i + " (" + s + ")";
            int slot = s.a();
            int pin = s.pin();
            switch (s.kind()) {
                case 0: {
                    Kind kind = Kind.values()[s.b() % Kind.values().length];
                    boolean expectReject = model.slots.containsKey(slot) || slot == 0 || model.slotOf(pin) != null;
                    UserType type = kind == Kind.DISPOSABLE ? UserType.DISPOSABLE : UserType.UNRESTRICTED;
                    CodeRules rules = kind == Kind.TWO_USES ? CodeRules.none().withMaxUses(2)
                            : kind == Kind.WINDOW ? CodeRules.window(null, now.plusSeconds(WINDOW_SECONDS)) : CodeRules.none();
                    boolean rejected = rejects(real, new LockCommand.AddCode(LOCK, now, slot, type, "u", real.digest(pin),
                            rules, real.epoch));
                    assertEquals(expectReject, rejected, where);
                    if (!rejected) {
                        model.slots.put(slot, new MCode(pin, kind, now));
                    }
                    break;
                }
                case 1: {
                    MCode c = model.slots.get(slot);
                    Integer holder = model.slotOf(pin);
                    boolean expectReject = c == null || (holder != null && holder != slot);
                    boolean rejected = rejects(real, new LockCommand.ChangeCode(LOCK, now, slot, real.digest(pin), real.epoch));
                    assertEquals(expectReject, rejected, where);
                    if (!rejected && c != null) {
                        MCode changed = new MCode(pin, c.kind, c.addedAt);
                        changed.suspended = c.suspended;
                        changed.uses = c.uses;
                        model.slots.put(slot, changed);
                    }
                    break;
                }
                case 2:
                case 3:
                case 4: {
                    boolean expectReject = slot == 0 || !model.slots.containsKey(slot);
                    LockCommand c = s.kind() == 2 ? new LockCommand.SuspendCode(LOCK, now, slot)
                            : s.kind() == 3 ? new LockCommand.ResumeCode(LOCK, now, slot)
                            : new LockCommand.RemoveCode(LOCK, now, slot);
                    assertEquals(expectReject, rejects(real, c), where);
                    if (!expectReject) {
                        if (s.kind() == 4) {
                            model.slots.remove(slot);
                        } else {
                            model.slots.get(slot).suspended = s.kind() == 2;
                        }
                    }
                    break;
                }
                case 5: {
                    boolean malformed = s.b() == 9;
                    Integer modelSlot = malformed ? null : model.slotOf(pin);
                    MCode before = modelSlot == null ? null : model.slots.get(modelSlot);
                    boolean wasUnusable = before != null && (before.suspended || before.usedUp() || before.expired(now));
                    int consecutiveBefore = model.consecutive;
                    DenialReason expected = model.enter(malformed ? null : pin, now);
                    List<LockEvent> events = real.run(malformed
                            ? new LockCommand.EnterMalformedCode(LOCK, now, EntrySource.KEYPAD, "TOO_SHORT", 2)
                            : new LockCommand.EnterCode(LOCK, now, EntrySource.KEYPAD, real.digest(pin), real.epoch));
                    LockEvent outcome = events.get(0);
                    if (outcome instanceof LockEvent.EntryGranted) {
                        assertFalse(wasUnusable, "removed/suspended/expired/used-up never opens: " + where);
                        assertEquals(null, expected, "the model denies what the decider granted: " + where);
                        assertEquals(modelSlot, ((LockEvent.EntryGranted) outcome).slot(), where);
                    } else {
                        assertTrue(outcome instanceof LockEvent.EntryDenied, where);
                        assertEquals(expected, ((LockEvent.EntryDenied) outcome).reason(), where);
                    }
                    boolean started = events.stream().anyMatch(e -> e instanceof LockEvent.LockoutStarted);
                    boolean modelStarted = expected != null && expected.isWrongCode() && consecutiveBefore + 1 >= LIMIT;
                    assertEquals(modelStarted, started, "lockout engages exactly at the limit: " + where);
                    break;
                }
                case 6:
                    now = now.plusSeconds(s.a() * 37L + s.b());
                    break;
                case 7: {
                    OperatingMode mode = OperatingMode.values()[s.b() % 3];
                    List<LockEvent> events = real.run(new LockCommand.ChangeMode(LOCK, now, mode, "tester"));
                    assertEquals(mode == model.mode, events.isEmpty(), "a repeated mode is idempotent: " + where);
                    model.mode = mode;
                    break;
                }
                case 8:
                    assertEquals(real.state, LockDecider.fold(real.trail), "restart gives the same state: " + where);
                    real.state = LockDecider.fold(real.trail);
                    break;
                default: {
                    int old = real.epoch;
                    int fresh = real.ring.createEpoch(LOCK.value());
                    real.run(new LockCommand.FactoryReset(LOCK, now, fresh));
                    real.ring.destroyEpoch(LOCK.value(), old);
                    real.epoch = fresh;
                    assertFalse(real.state.commissioned(), where);
                    real.run(new LockCommand.CommissionLock(LOCK, now, "model", "sn", "1", "UTC", PinPolicy.defaults(),
                            POLICY, real.digest(0), real.epoch));
                    Model fresher = new Model();
                    fresher.slots.put(0, new MCode(0, Kind.PERMANENT, now));
                    model.slots.clear();
                    model.slots.putAll(fresher.slots);
                    model.mode = OperatingMode.NORMAL;
                    model.consecutive = 0;
                    model.level = 0;
                    model.lockedUntil = null;
                    break;
                }
            }
            compare(model, real.state, where);
        }
        assertEquals(real.state, LockDecider.fold(real.trail), "restart gives the same state at the end of the sequence");
    }

    private static void compare(Model model, LockState state, String where) {
        assertEquals(model.slots.keySet(), state.credentials().bySlot().keySet(), "slots after " + where);
        for (Map.Entry<Integer, MCode> e : model.slots.entrySet()) {
            assertEquals(e.getValue().suspended, state.credentials().get(e.getKey()).suspended(), "suspension after " + where);
        }
        assertEquals(model.mode, state.mode(), "mode after " + where);
        assertEquals(model.consecutive, state.lockout().consecutiveFailures(), "consecutive failures after " + where);
        assertEquals(model.lockedUntil, state.lockout().lockedOutUntil(), "lockout end after " + where);
    }

    private static boolean rejects(Real real, LockCommand c) {
        try {
            real.run(c);
            return false;
        } catch (LockCommandRejected e) {
            return true;
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for " + c);
            return true;
        }
    }
}
