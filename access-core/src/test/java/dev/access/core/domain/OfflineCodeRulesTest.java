package dev.access.core.domain;

import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.T0;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.hours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decider's offline-code rules, with codes as the edge would recognise them. */
class OfflineCodeRulesTest {
    private static final String ID = "0123456789abcdef";

    private static OfflineCode code(Instant from, Instant until, boolean oneTime, String daily) {
        return new OfflineCode(ID, from, until, oneTime, daily);
    }

    private static LockState state(LockEvent... more) {
        List<LockEvent> events = new ArrayList<>(commissioned());
        events.addAll(List.of(more));
        return LockDecider.fold(events);
    }

    private static List<LockEvent> enter(LockState s, OfflineCode match, Instant at) {
        return LockDecider.decide(new LockCommand.EnterOfflineCode(LOCK, at, EntrySource.KEYPAD, match, 1,
                s.offline().generation()), s);
    }

    private static DenialReason reason(List<LockEvent> events) {
        return events.stream().filter(LockEvent.EntryDenied.class::isInstance).map(e -> ((LockEvent.EntryDenied) e)
                .reason()).findFirst().orElse(null);
    }

    @Test
    void aRecognisedCodeOpens_aMatchForAnotherMomentIsJudgedByItsWindow_andNoMatchIsAWrongCode() {
        LockState s = state();
        OfflineCode c = code(hours(1), hours(3), false, null);
        LockEvent.EntryGranted g = (LockEvent.EntryGranted) enter(s, c, hours(2)).get(0);
        assertEquals(UserType.OFFLINE, g.userType());
        assertEquals(null, g.slot());
        assertEquals(DenialReason.EXPIRED, reason(enter(s, c, hours(3))));
        assertEquals(DenialReason.NOT_YET_VALID, reason(enter(s, c, T0.plusSeconds(1))));
        List<LockEvent> none = enter(s, null, hours(2));
        assertEquals(DenialReason.UNKNOWN_CODE, reason(none));
        assertTrue(((LockEvent.EntryDenied) none.get(0)).wrongCode());
    }

    @Test
    void dailyHoursAreTheLocksLocalHours() {
        LockState s = state();
        // The fixture's lock zone: whatever it is, 00:00-01:00 local excludes most of the day.
        OfflineCode c = code(T0, T0.plus(Duration.ofDays(3)), false, "00:00-01:00");
        java.time.ZoneId zone = java.time.ZoneId.of(s.profile().timeZone());
        Instant noon = T0.atZone(zone).withHour(12).toInstant().plus(Duration.ofDays(1));
        assertEquals(DenialReason.OUTSIDE_SCHEDULE, reason(enter(s, c, noon)));
        Instant midnight = T0.atZone(zone).withHour(0).withMinute(30).toInstant().plus(Duration.ofDays(1));
        assertTrue(enter(s, c, midnight).get(0) instanceof LockEvent.EntryGranted);
    }

    @Test
    void aRevokedCodeIsDeniedRevoked_untilItsWindowEnds_thenForgotten() {
        OfflineCode c = code(T0, hours(5), false, null);
        LockState s = state(new LockEvent.OfflineCodeRevoked(LOCK, hours(1), ID, hours(5)));
        assertEquals(DenialReason.REVOKED, reason(enter(s, c, hours(2))));
        LockState later = LockDecider.evolve(s, new LockEvent.BatteryReported(LOCK, hours(6), 80, BatteryLevel.OK));
        assertTrue(later.offline().revoked().isEmpty());
    }

    @Test
    void revokingIsRefusedForAnEndedWindowOrAnEndNoCodeCanHave_andIdempotent() {
        LockState s = state();
        LockCommandRejected ended = assertThrows(LockCommandRejected.class, () -> LockDecider.decide(
                new LockCommand.RevokeOfflineCode(LOCK, hours(2), ID, hours(1)), s));
        assertEquals(Rejection.INVALID_ARGUMENT, ended.rejection());
        assertThrows(LockCommandRejected.class, () -> LockDecider.decide(
                new LockCommand.RevokeOfflineCode(LOCK, hours(2), ID, hours(2).plus(Duration.ofDays(800))), s));
        assertThrows(LockCommandRejected.class, () -> LockDecider.decide(
                new LockCommand.RevokeOfflineCode(LOCK, hours(2), "not-an-id", hours(5)), s));
        LockState revoked = state(new LockEvent.OfflineCodeRevoked(LOCK, hours(1), ID, hours(5)));
        assertTrue(LockDecider.decide(new LockCommand.RevokeOfflineCode(LOCK, hours(2), ID, hours(5)), revoked)
                .isEmpty());
    }

    @Test
    void aCheckWithAnOlderGenerationIsStale_andRevokeAllMovesToTheNext() {
        LockState s = state(new LockEvent.AllOfflineCodesRevoked(LOCK, hours(1), 1, 2));
        assertEquals(2, s.offline().generation());
        LockCommandRejected stale = assertThrows(LockCommandRejected.class, () -> LockDecider.decide(
                new LockCommand.EnterOfflineCode(LOCK, hours(2), EntrySource.KEYPAD, null, 1, 1), s));
        assertEquals(Rejection.STALE_KEY_EPOCH, stale.rejection());
        LockEvent.AllOfflineCodesRevoked next = (LockEvent.AllOfflineCodesRevoked) LockDecider.decide(
                new LockCommand.RevokeAllOfflineCodes(LOCK, hours(3)), s).get(0);
        assertEquals(3, next.generation());
    }

    @Test
    void aUsedOneTimeCodeIsRefused_andALockWithoutOfflineCodesRefusesTheCommand() {
        OfflineCode once = code(T0, hours(5), true, null);
        LockState s = LockDecider.evolve(state(), LockEvent.EntryGranted.offline(LOCK, hours(1), EntrySource.KEYPAD,
                once));
        assertEquals(DenialReason.USE_LIMIT_REACHED, reason(enter(s, once, hours(2))));
        List<LockEvent> events = new ArrayList<>();
        events.add(new LockEvent.LockCommissioned(LOCK, T0, "m", "s", "1", "UTC",
                dev.access.crypto.PinPolicy.defaults(), LockoutPolicy.defaults(), 1, 0));
        LockState without = LockDecider.fold(events);
        assertThrows(LockCommandRejected.class, () -> enter(without, null, hours(1)));
        assertEquals(10, LockDecider.fold(List.of(new LockEvent.LockCommissioned(LOCK, T0, "m", "s", "1", "UTC",
                dev.access.crypto.PinPolicy.defaults(), LockoutPolicy.defaults(), 1))).profile().offlineCodeLength(),
                "a commissioning recorded before offline codes gets the default length");
    }
}
