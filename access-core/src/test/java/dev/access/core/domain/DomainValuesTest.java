package dev.access.core.domain;

import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.crypto.CodeFingerprint;
import dev.access.crypto.PersonalData;
import dev.access.crypto.PinPolicy;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Test;

/**
 * The domain's value types at their edges: a lock's profile and lockout policy, Matter's numbers for
 * the enums, actors, the shared argument checks, saturating instant arithmetic and the redacted
 * {@code toString}s.
 */
class DomainValuesTest {

    // ---- LockProfile: the offline PIN length a PIN policy gets by default

    @Test
    void defaultOfflineLength_isTenUnlessUserCodesCanHaveTenDigits_elseOneMoreThanTheirLongest_upToSixteen() {
        assertEquals(10, LockProfile.defaultOfflineCodeLength(null), "no policy");
        assertEquals(10, LockProfile.defaultOfflineCodeLength(lengths(4, 8)), "the default policy");
        assertEquals(10, LockProfile.defaultOfflineCodeLength(lengths(4, 9)), "longest user code 9");
        assertEquals(11, LockProfile.defaultOfflineCodeLength(lengths(4, 10)), "longest user code 10");
        assertEquals(11, LockProfile.defaultOfflineCodeLength(lengths(10, 10)), "only 10-digit user codes");
        assertEquals(13, LockProfile.defaultOfflineCodeLength(lengths(10, 12)), "shortest user code 10");
        assertEquals(10, LockProfile.defaultOfflineCodeLength(lengths(11, 12)), "shortest user code 11");
        assertEquals(16, LockProfile.defaultOfflineCodeLength(lengths(4, 15)), "longest user code 15");
        assertEquals(0, LockProfile.defaultOfflineCodeLength(lengths(4, 16)), "no room above 16");
        assertEquals(0, LockProfile.defaultOfflineCodeLength(lengths(1, 32)), "every length taken");
    }

    @Test
    void profile_defaultsAndWithers_changeOnlyWhatTheyName() {
        LockProfile p = LockProfile.defaults();
        assertEquals(new LockProfile("generic", "unknown", "0.0.0", "UTC", PinPolicy.defaults(), LockoutPolicy.defaults(), 10), p);
        assertTrue(p.offlineCodes());
        assertFalse(p.withOfflineCodeLength(0).offlineCodes());
        assertEquals(12, p.withOfflineCodeLength(12).offlineCodeLength());

        LockProfile device = p.withDevice("m2", "s-9", "2.1.0");
        assertEquals(List.of("m2", "s-9", "2.1.0"), List.of(device.model(), device.serial(), device.firmwareVersion()));
        assertEquals(p.withFirmware("2.1.0").withDevice("m2", "s-9", "2.1.0"), device);
        assertEquals("Europe/Berlin", p.withTimeZone("Europe/Berlin").timeZone());
        assertEquals(p, p.withTimeZone("Europe/Berlin").withTimeZone("UTC"));
        LockoutPolicy strict = LockoutPolicy.defaults().with(3, Duration.ofMinutes(5));
        assertEquals(strict, p.withLockoutPolicy(strict).lockoutPolicy());
        assertEquals(p.pinPolicy(), p.withLockoutPolicy(strict).pinPolicy());
    }

    @Test
    void anotherPinPolicy_movesTheOfflineLengthOnlyWhereItWasTheDefault() {
        LockProfile p = LockProfile.defaults();
        LockProfile tenDigitCodes = p.withPinPolicy(lengths(4, 10));
        assertEquals(lengths(4, 10), tenDigitCodes.pinPolicy());
        assertEquals(11, tenDigitCodes.offlineCodeLength(), "the default follows the policy");
        assertEquals(12, p.withOfflineCodeLength(12).withPinPolicy(lengths(4, 10)).offlineCodeLength(), "a chosen length stays");
        assertEquals(0, p.withOfflineCodeLength(0).withPinPolicy(lengths(4, 10)).offlineCodeLength(), "none stays none");
    }

    private static PinPolicy lengths(int min, int max) {
        return PinPolicy.defaults().withLengths(min, max);
    }

    // ---- LockoutPolicy: every field's range at its edges

    @Test
    void lockoutPolicy_acceptsEachFieldAtBothEdges() {
        Duration h24 = Duration.ofHours(24);
        new LockoutPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1), 1);
        new LockoutPolicy(255, h24, h24, Duration.ofDays(30), 10_000);
        LockoutPolicy equalCap = new LockoutPolicy(5, Duration.ofMinutes(2), Duration.ofMinutes(2), h24, 100);
        assertEquals(Duration.ofMinutes(2), equalCap.durationAtLevel(3), "a cap equal to the base never doubles");
    }

    @Test
    void lockoutPolicy_refusesEachFieldOnePastItsEdges_namingTheValue() {
        Duration s60 = Duration.ofSeconds(60);
        Duration h1 = Duration.ofHours(1);
        Duration h24 = Duration.ofHours(24);
        Map<String, Executable> bad = new java.util.LinkedHashMap<>();
        bad.put("was 0", () -> new LockoutPolicy(0, s60, h1, h24, 100));
        bad.put("was 256", () -> new LockoutPolicy(256, s60, h1, h24, 100));
        bad.put("lockoutDuration must be PT1S..PT24H, was PT0.999S",
                () -> new LockoutPolicy(5, Duration.ofMillis(999), h1, h24, 100));
        bad.put("lockoutDuration must be PT1S..PT24H, was PT24H0.001S",
                () -> new LockoutPolicy(5, h24.plusMillis(1), h24.plusMillis(1), h24, 100));
        bad.put("lockoutDuration must be PT1S..PT24H, was null", () -> new LockoutPolicy(5, null, h1, h24, 100));
        bad.put("maxLockoutDuration must be PT1M..PT24H, was PT59S",
                () -> new LockoutPolicy(5, s60, Duration.ofSeconds(59), h24, 100));
        bad.put("maxLockoutDuration must be PT1M..PT24H, was PT24H0.001S",
                () -> new LockoutPolicy(5, s60, h24.plusMillis(1), h24, 100));
        bad.put("maxLockoutDuration must be PT1M..PT24H, was null", () -> new LockoutPolicy(5, s60, null, h24, 100));
        bad.put("quietPeriod must be PT1M..PT720H, was PT59.999S",
                () -> new LockoutPolicy(5, s60, h1, Duration.ofMillis(59_999), 100));
        bad.put("quietPeriod must be PT1M..PT720H, was PT720H0.001S",
                () -> new LockoutPolicy(5, s60, h1, Duration.ofDays(30).plusMillis(1), 100));
        bad.put("quietPeriod must be PT1M..PT720H, was null", () -> new LockoutPolicy(5, s60, h1, null, 100));
        bad.put("dailyFailureBudget must be 1..10000, was 0", () -> new LockoutPolicy(5, s60, h1, h24, 0));
        bad.put("dailyFailureBudget must be 1..10000, was 10001", () -> new LockoutPolicy(5, s60, h1, h24, 10_001));
        bad.forEach((message, make) -> {
            LockCommandRejected e = assertThrows(LockCommandRejected.class, make, message);
            assertEquals(Rejection.INVALID_ARGUMENT, e.rejection(), message);
            assertTrue(e.getMessage().contains(message), e.getMessage() + " should contain " + message);
        });
    }

    @Test
    void lockoutPolicy_withRaisesTheCapOnlyWhenTheNewBaseExceedsIt() {
        LockoutPolicy d = LockoutPolicy.defaults();
        assertEquals(new LockoutPolicy(3, Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(24), 100),
                d.with(3, Duration.ofMinutes(5)));
        assertEquals(Duration.ofHours(2), d.with(3, Duration.ofHours(2)).maxLockoutDuration(), "cap raised to the base");
        assertEquals(Duration.ofHours(1), d.with(3, Duration.ofHours(1)).maxLockoutDuration());
    }

    @Test
    void lockoutDoubles_perLevel_upToTheCap() {
        LockoutPolicy d = LockoutPolicy.defaults(); // 60 s doubling to at most 1 h
        assertEquals(Duration.ofSeconds(60), d.durationAtLevel(0));
        assertEquals(Duration.ofSeconds(120), d.durationAtLevel(1));
        assertEquals(Duration.ofSeconds(240), d.durationAtLevel(2));
        assertEquals(Duration.ofSeconds(1920), d.durationAtLevel(5));
        assertEquals(Duration.ofHours(1), d.durationAtLevel(6), "3,840 s capped at 3,600");
        assertEquals(Duration.ofHours(1), d.durationAtLevel(Integer.MAX_VALUE), "the loop stops at the cap");
    }

    // ---- Matter's numbers

    @Test
    void enums_carryMattersNumbers() {
        assertEquals(List.of(0, 1, 3, 4, 5, 6, 8), values(AlarmCode.values(), AlarmCode::matterValue));
        assertEquals(List.of(3, 7, 0), values(EntrySource.values(), EntrySource::matterValue));
        assertEquals(List.of(0, 1, 2, 3, 4), values(OperatingMode.values(), OperatingMode::matterValue));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1), values(UserType.values(), UserType::matterValue));
        assertEquals(List.of(1, 1, 2, 3, 3, 3, 2, 0, 3, 3, 4, 2, 2),
                values(DenialReason.values(), DenialReason::matterOperationError));
    }

    @Test
    void onlyAnUnknownOrMalformedCode_countsAsAWrongCode() {
        for (DenialReason r : DenialReason.values()) {
            assertEquals(r == DenialReason.UNKNOWN_CODE || r == DenialReason.MALFORMED, r.isWrongCode(), r.name());
        }
    }

    private static <E> List<Integer> values(E[] all, java.util.function.ToIntFunction<E> f) {
        return java.util.Arrays.stream(all).map(e -> f.applyAsInt(e)).toList();
    }

    // ---- Actor

    @Test
    void actors_nameTheirChannel_andNeverPrintWho() {
        Actor remote = Actor.remote("Dana");
        assertEquals(new Actor("Dana", Actor.Channel.REMOTE, null), remote);
        assertEquals("remote", remote.via());
        assertEquals("Actor[remote]", remote.toString());
        assertEquals("backend 0123456789abcdef", Actor.backend("0123456789abcdef").via());
        assertEquals("unknown channel", new Actor("x", null, null).via());
        assertEquals(new Actor("Eve", Actor.Channel.REMOTE, null), remote.withWho("Eve"));
        assertEquals(List.of("keypad", "local", "installer"),
                List.of(Actor.keypad(null).via(), Actor.local("a").via(), Actor.installer("b").via()));
    }

    // ---- the shared argument checks

    @Test
    void shorten_keepsFortyCharacters_replacesControlCharacters_andNamesNull() {
        assertEquals("null", Checks.shorten(null));
        String forty = "a".repeat(40);
        assertEquals(forty, Checks.shorten(forty));
        assertEquals(forty + "…", Checks.shorten(forty + "b"));
        assertEquals("a?b?c", Checks.shorten("a\nb\u0007c"));
        assertEquals("ü€", Checks.shorten("ü€"));
    }

    @Test
    void text_stripsAndBoundsAText_andRefusesControlCharacters() {
        assertNull(Checks.text(null, "name", false));
        assertEquals("", Checks.text("   ", "name", false));
        assertEquals("Front door", Checks.text("  Front door ", "name", true));
        String max = "n".repeat(LockDecider.MAX_TEXT);
        assertEquals(max, Checks.text(max, "name", true));
        assertEquals("Front door", LockDecider.cleanText(" Front door ", "name"));
        LockCommandRejected tooLong = assertThrows(LockCommandRejected.class, () -> Checks.text(max + "n", "name", true));
        assertEquals("INVALID_ARGUMENT: name must be at most 64 characters, was 65", tooLong.getMessage());
        LockCommandRejected missing = assertThrows(LockCommandRejected.class, () -> Checks.text(" ", "name", true));
        assertEquals("INVALID_ARGUMENT: name is missing", missing.getMessage());
        LockCommandRejected control = assertThrows(LockCommandRejected.class, () -> Checks.text("a\tb", "name", false));
        assertEquals("INVALID_ARGUMENT: name must not contain control characters", control.getMessage());
    }

    @Test
    void personal_keepsAWellFormedSealedValue_asIs() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String sealed = PersonalData.seal(LOCK.value(), key, "Dana", new SecureRandom());
        assertSame(sealed, Checks.personal(sealed, "name"));
        assertEquals("Dana", Checks.personal(" Dana ", "name"));
        assertNull(Checks.personal(null, "name"));
    }

    @Test
    void anActorsName_isStripped_andAnUnchangedActorIsKept() {
        assertEquals(Actor.local("Dana"), Checks.actor(Actor.local("  Dana ")));
        Actor clean = Actor.local("Dana");
        assertSame(clean, Checks.actor(clean));
    }

    // ---- Instants: saturating arithmetic

    @Test
    void instantArithmetic_saturatesInsteadOfThrowing() {
        Duration s = Duration.ofSeconds(1);
        assertEquals(T0.plusSeconds(1), Instants.plus(T0, s));
        assertEquals(T0.minusSeconds(1), Instants.minus(T0, s));
        assertEquals(Instant.MAX, Instants.plus(Instant.MAX, s));
        assertEquals(Instant.MIN, Instants.plus(Instant.MIN, s.negated()));
        assertEquals(Instant.MIN, Instants.minus(Instant.MIN, s));
        assertEquals(Instant.MAX, Instants.minus(Instant.MAX, s.negated()));
    }

    @Test
    void aScheduleNeverContains_anInstantWithoutALocalDate() {
        WeekDaySchedule always = LockFixture.schedule(EnumSet.allOf(DayOfWeek.class), "00:00", "23:59");
        assertTrue(always.contains(Instant.parse("2026-03-02T10:00:00Z"), ZoneId.of("UTC")));
        assertFalse(always.contains(Instant.MAX, ZoneId.of("UTC")));
        assertFalse(always.contains(Instant.MIN, ZoneId.of("Asia/Tokyo")));
    }

    // ---- ids and the redacted toStrings

    @Test
    void lockIds_printAsTheirValue() {
        assertEquals("front-door-1", LockId.of("front-door-1").value());
        assertEquals("front-door-1", LockId.of("front-door-1").toString());
    }

    @Test
    void commandsAndEvents_printTheirFacts_butNoDigest() {
        LockCommand.CommissionLock commission = LockFixture.commission(T0);
        assertEquals("CommissionLock[front-door-1, at=" + T0 + ", model=" + LockFixture.MODEL + ", serial="
                + LockFixture.SERIAL + ", zone=" + LockFixture.ZONE + ", epoch=" + LockFixture.EPOCH + "]",
                commission.toString());
        LockCommand.ApplyBatch batch = new LockCommand.ApplyBatch(LOCK, T0, "0123456789abcdef", 7, 1, List.of());
        assertEquals("ApplyBatch[front-door-1, at=" + T0 + ", backend=0123456789abcdef, batch=7, epoch=1, 0 operations]",
                batch.toString());

        LockEvent.CodeAdded added = LockFixture.codeAdded(3, UserType.UNRESTRICTED, "4711");
        assertEquals("CodeAdded[front-door-1, at=" + T0 + ", slot=3, type=UNRESTRICTED, name=user 3, rules="
                + CodeRules.none() + "]", added.toString());
        LockEvent.CodeChanged changed = new LockEvent.CodeChanged(LOCK, T0, 3, added.digest());
        assertEquals("CodeChanged[front-door-1, at=" + T0 + ", slot=3]", changed.toString());
        for (Object o : List.of(commission, added, changed)) {
            assertFalse(o.toString().contains(String.valueOf(added.digest())), o.getClass().getSimpleName());
        }
    }

    @Test
    void aCredential_printsItsFacts_withASealedNameHidden() {
        LockEvent.CodeAdded added = LockFixture.codeAdded(3, UserType.UNRESTRICTED, "4711");
        Credential plain = new Credential(3, UserType.UNRESTRICTED, "Dana", added.digest(), CodeRules.none(), false, 2,
                T0, T0, T0);
        assertEquals("Credential[slot=3, type=UNRESTRICTED, name=Dana, suspended=false, uses=2, rules="
                + CodeRules.none() + "]", plain.toString());
        byte[] key = new byte[32];
        String sealed = PersonalData.seal(LOCK.value(), key, "Dana", new SecureRandom());
        Credential hidden = new Credential(3, UserType.UNRESTRICTED, sealed, added.digest(), CodeRules.none(), true, 0,
                null, T0, T0);
        assertEquals("Credential[slot=3, type=UNRESTRICTED, name=(sealed), suspended=true, uses=0, rules="
                + CodeRules.none() + "]", hidden.toString());
        Credential unnamed = new Credential(3, UserType.UNRESTRICTED, null, added.digest(), CodeRules.none(), false, 0,
                null, T0, T0);
        assertTrue(unnamed.toString().contains("name=null,"), unnamed.toString());
    }

    @Test
    void anExpiringCode_endsAtTheEarlierOfItsWindowAndItsFirstUsePlusExpiry() {
        CodeFingerprint d = LockFixture.codeAdded(3, UserType.EXPIRING, "4711").digest();
        Instant until = T0.plus(Duration.ofDays(10));
        CodeRules window = CodeRules.window(T0, until).withExpireAfterFirstUse(Duration.ofDays(2));
        CodeRules open = CodeRules.none().withExpireAfterFirstUse(Duration.ofDays(2));
        assertEquals(until, expiring(window, null, d).expiresAt(), "not used yet: the window's end");
        assertNull(expiring(open, null, d).expiresAt(), "not used yet, no window: not known");
        assertEquals(T0.plus(Duration.ofDays(3)), expiring(window, T0.plus(Duration.ofDays(1)), d).expiresAt(),
                "used on day 1: day 3, before the window ends");
        assertEquals(until, expiring(window, T0.plus(Duration.ofDays(9)), d).expiresAt(),
                "used on day 9: the window ends first");
        assertEquals(T0.plus(Duration.ofDays(3)), expiring(open, T0.plus(Duration.ofDays(1)), d).expiresAt());
        Credential unrestricted = new Credential(3, UserType.UNRESTRICTED, null, d, window, false, 1,
                T0.plus(Duration.ofDays(1)), T0, T0);
        assertEquals(until, unrestricted.expiresAt(), "only an expiring code's first use counts");
    }

    private static Credential expiring(CodeRules rules, Instant firstUse, CodeFingerprint d) {
        return new Credential(3, UserType.EXPIRING, null, d, rules, false, firstUse == null ? 0 : 1, firstUse, T0, T0);
    }
}
