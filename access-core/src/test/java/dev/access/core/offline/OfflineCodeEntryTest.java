package dev.access.core.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.Rejection;
import dev.access.core.domain.UserType;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.KeyRing;
import dev.access.crypto.OfflineIssuingKey;
import dev.access.crypto.PinPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline codes at the lock, end to end: a SQLite store and a key ring file, the owner's exported
 * issuing key, real restarts.
 */
class OfflineCodeEntryTest {
    private static final LockId FRONT = LockId.of("front");
    private static final LockId BACK = LockId.of("back");
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    @TempDir
    Path dir;

    private final SimulatedClock clock = new SimulatedClock(T0);
    private LockStore store;
    private AccessControl access;

    private void open() {
        store = LockStore.sqlite(dir.resolve("data"));
        KeyRing keys = FileKeyRing.open(dir.resolve("data").resolve("keys"));
        access = AccessControl.builder().store(store).clock(clock).keyRing(keys).build();
    }

    private void restart() {
        close();
        open();
    }

    @BeforeEach
    void start() {
        open();
        access.commission(LockSetup.of(FRONT).withTimeZone("Europe/Berlin"), "80808080".toCharArray());
    }

    @AfterEach
    void close() {
        if (access != null) {
            access.close();
            access = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private EntryResult enter(LockId lock, char[] pin) {
        return access.enter(lock, pin.clone(), EntrySource.KEYPAD);
    }

    private IssuedOfflineCode plain(OfflineIssuingKey key, String from, String until, boolean oneTime) {
        return key.issuePlain(Instant.parse(from), Instant.parse(until), oneTime, 0);
    }

    @Test
    void aCodeOpensFromItsFirstSecondToItsLastAndIsRecordedAsAnOfflineGrant() {
        OfflineIssuingKey key = access.exportOfflineIssuingKey(FRONT);
        IssuedOfflineCode code = plain(key, "2026-12-07T10:00:00Z", "2026-12-07T12:00:00Z", false);
        assertEquals(Instant.parse("2026-12-07T10:00:00Z"), code.from());
        assertEquals(Instant.parse("2026-12-07T12:00:00Z"), code.until());

        clock.set(code.from().minusSeconds(1));
        EntryResult early = enter(FRONT, code.pin());
        assertFalse(early.granted());
        assertEquals(DenialReason.UNKNOWN_CODE, early.reason(), "outside its window the lock cannot tell it apart");

        clock.set(code.from());
        EntryResult first = enter(FRONT, code.pin());
        assertTrue(first.granted(), first.toString());
        assertEquals(UserType.OFFLINE, first.userType());
        assertNull(first.slot());
        assertEquals(code.codeId(), first.offlineCode().id());
        assertEquals(code.from(), first.offlineCode().from());
        assertEquals(code.until(), first.offlineCode().until());

        clock.set(code.until().minusSeconds(1));
        assertTrue(enter(FRONT, code.pin()).granted());
        clock.set(code.until());
        assertEquals(DenialReason.UNKNOWN_CODE, enter(FRONT, code.pin()).reason());

        LockEvent.EntryGranted g = access.events(FRONT).stream().filter(LockEvent.EntryGranted.class::isInstance)
                .map(LockEvent.EntryGranted.class::cast).findFirst().orElseThrow();
        assertNull(g.slot());
        assertEquals(code.codeId(), g.offlineCode().id());
        assertTrue(access.events(FRONT).stream().anyMatch(e -> e instanceof LockEvent.OfflineKeyExported x
                && x.generation() == 1));
    }

    @Test
    void aOneTimeCodeOpensOnceAndStaysUsedAcrossARestart() {
        IssuedOfflineCode code = plain(access.exportOfflineIssuingKey(FRONT), "2026-12-07T08:00:00Z",
                "2026-12-08T08:00:00Z", true);
        clock.advance(Duration.ofMinutes(5));
        assertTrue(enter(FRONT, code.pin()).granted());
        assertEquals(DenialReason.USE_LIMIT_REACHED, enter(FRONT, code.pin()).reason());
        restart();
        EntryResult again = enter(FRONT, code.pin());
        assertEquals(DenialReason.USE_LIMIT_REACHED, again.reason());
        assertEquals(code.codeId(), again.offlineCode().id());
        assertEquals(1, access.state(FRONT).offline().used().size());
        clock.set(code.until().plusSeconds(1));
        enter(FRONT, "0000000000".toCharArray());
        assertTrue(access.state(FRONT).offline().used().isEmpty(), "forgotten once its window ended");
    }

    @Test
    void revokedByPinOrByIdIsDeniedRevokedAcrossARestart() {
        OfflineIssuingKey key = access.exportOfflineIssuingKey(FRONT);
        IssuedOfflineCode a = plain(key, "2026-12-07T08:00:00Z", "2026-12-09T08:00:00Z", false);
        IssuedOfflineCode b = key.issuePlain(Instant.parse("2026-12-07T08:00:00Z"),
                Instant.parse("2026-12-09T08:00:00Z"), false, 1);
        IssuedOfflineCode future = plain(key, "2026-12-20T08:00:00Z", "2026-12-21T08:00:00Z", false);
        assertNotEquals(String.valueOf(a.pin()), String.valueOf(b.pin()), "two variants, two PINs");
        List<LockEvent> revoked = access.revokeOfflineCode(FRONT, a.pin());
        assertEquals(1, revoked.size());
        assertEquals(a.codeId(), ((LockEvent.OfflineCodeRevoked) revoked.get(0)).codeId());
        access.revokeOfflineCode(FRONT, future.pin());
        access.revokeOfflineCode(FRONT, b.codeId(), b.until());
        assertTrue(access.revokeOfflineCode(FRONT, b.codeId(), b.until()).isEmpty(), "revoking twice records once");
        restart();
        assertEquals(DenialReason.REVOKED, enter(FRONT, a.pin()).reason());
        assertEquals(DenialReason.REVOKED, enter(FRONT, b.pin()).reason());
        clock.set(future.from());
        assertEquals(DenialReason.REVOKED, enter(FRONT, future.pin()).reason());
        LockCommandRejected none = assertThrows(LockCommandRejected.class,
                () -> access.revokeOfflineCode(FRONT, "1234567890".toCharArray()));
        assertEquals(Rejection.INVALID_ARGUMENT, none.rejection());
        assertFalse(none.getMessage().contains("1234567890"));
    }

    @Test
    void revokeAllMovesToANewKeyAndEveryEarlierCodeStopsOpening() {
        IssuedOfflineCode old = plain(access.exportOfflineIssuingKey(FRONT), "2026-12-07T08:00:00Z",
                "2026-12-09T08:00:00Z", false);
        assertTrue(enter(FRONT, old.pin()).granted());
        access.revokeAllOfflineCodes(FRONT);
        assertEquals(2, access.state(FRONT).offline().generation());
        assertEquals(DenialReason.UNKNOWN_CODE, enter(FRONT, old.pin()).reason());
        OfflineIssuingKey fresh = access.exportOfflineIssuingKey(FRONT);
        assertEquals(2, fresh.generation());
        IssuedOfflineCode now = plain(fresh, "2026-12-07T08:00:00Z", "2026-12-09T08:00:00Z", false);
        restart();
        assertTrue(enter(FRONT, now.pin()).granted());
        assertEquals(DenialReason.UNKNOWN_CODE, enter(FRONT, old.pin()).reason());
        assertEquals(2, access.identifyOfflineCode(FRONT, old.pin(), T0, T0.plus(Duration.ofDays(3))).size()
                + access.identifyOfflineCode(FRONT, now.pin(), T0, T0.plus(Duration.ofDays(3))).size()
                - 0, "the administrator's search still finds the revoked generation's code");
    }

    @Test
    void aFactoryResetKillsEveryCodeIssuedBefore() {
        IssuedOfflineCode old = plain(access.exportOfflineIssuingKey(FRONT), "2026-12-07T08:00:00Z",
                "2026-12-09T08:00:00Z", false);
        access.factoryReset(FRONT);
        access.commission(LockSetup.of(FRONT).withTimeZone("Europe/Berlin"), "80808080".toCharArray());
        restart();
        assertEquals(DenialReason.UNKNOWN_CODE, enter(FRONT, old.pin()).reason());
        assertEquals(1, access.state(FRONT).offline().generation());
    }

    @Test
    void anotherLocksCodeDoesNotOpenAndNoSingleDigitChangeIsTheSameCode() {
        access.commission(LockSetup.of(BACK).withTimeZone("Europe/Berlin"), "80808080".toCharArray());
        IssuedOfflineCode back = plain(access.exportOfflineIssuingKey(BACK), "2026-12-07T08:00:00Z",
                "2026-12-09T08:00:00Z", false);
        assertFalse(enter(FRONT, back.pin()).granted());
        assertTrue(enter(BACK, back.pin()).granted());
        char[] pin = back.pin();
        int tried = 0;
        for (int i = 0; i < pin.length; i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d == pin[i]) {
                    continue;
                }
                char[] changed = pin.clone();
                changed[i] = d;
                EntryResult r = enter(BACK, changed);
                assertTrue(!r.granted() || !back.codeId().equals(r.offlineCode().id()), "digit " + i + " changed");
                tried++;
                access.clearLockout(BACK, "test");
            }
        }
        assertEquals(90, tried);
    }

    @Test
    void anUntrustedClockRefusesEveryOfflineCodeUncounted() {
        IssuedOfflineCode code = plain(access.exportOfflineIssuingKey(FRONT), "2026-12-07T08:00:00Z",
                "2026-12-09T08:00:00Z", false);
        clock.advance(Duration.ofHours(2));
        assertTrue(enter(FRONT, code.pin()).granted());
        clock.set(T0.plus(Duration.ofHours(1)));
        EntryResult r = enter(FRONT, code.pin());
        assertEquals(DenialReason.CLOCK_UNTRUSTED, r.reason());
        assertEquals(0, access.state(FRONT).lockout().consecutiveFailures());
        access.setClock(FRONT, T0.plus(Duration.ofHours(3)));
        clock.set(T0.plus(Duration.ofHours(3)));
        assertTrue(enter(FRONT, code.pin()).granted());
    }

    @Test
    void wrongOfflineInputsCountTowardTheLockoutAndAValidCodeWaitsItOut() {
        IssuedOfflineCode code = plain(access.exportOfflineIssuingKey(FRONT), "2026-12-07T08:00:00Z",
                "2026-12-09T08:00:00Z", false);
        for (int i = 0; i < 5; i++) {
            assertEquals(DenialReason.UNKNOWN_CODE, enter(FRONT, ("000000000" + i).toCharArray()).reason());
        }
        EntryResult during = enter(FRONT, code.pin());
        assertEquals(DenialReason.LOCKED_OUT, during.reason());
        restart();
        assertEquals(DenialReason.LOCKED_OUT, enter(FRONT, code.pin()).reason());
        clock.advance(Duration.ofMinutes(2));
        assertTrue(enter(FRONT, code.pin()).granted());
    }

    @Test
    void vacationModeKeepsOfflineCodesOutAndADailyCodeKeepsItsLocalHoursAcrossDaylightSaving() {
        clock.set(Instant.parse("2027-03-27T06:00:00Z"));
        OfflineIssuingKey key = access.exportOfflineIssuingKey(FRONT);
        // Berlin moves from UTC+1 to UTC+2 on 2027-03-28.
        IssuedOfflineCode daily = key.issueDaily(Instant.parse("2027-03-27T00:00:00Z"),
                Instant.parse("2027-03-30T00:00:00Z"), LocalTime.of(9, 0), LocalTime.of(17, 0), 0);
        assertEquals("09:00-17:00", daily.validity().dailyText());
        clock.set(Instant.parse("2027-03-27T08:30:00Z"));   // 09:30 local (UTC+1)
        assertTrue(enter(FRONT, daily.pin()).granted());
        clock.set(Instant.parse("2027-03-28T06:30:00Z"));   // 08:30 local (UTC+2): before its hours
        assertFalse(enter(FRONT, daily.pin()).granted());
        clock.set(Instant.parse("2027-03-28T07:30:00Z"));   // 09:30 local (UTC+2)
        EntryResult summer = enter(FRONT, daily.pin());
        assertTrue(summer.granted(), summer.toString());
        assertEquals("09:00-17:00", summer.offlineCode().daily());
        clock.set(Instant.parse("2027-03-28T15:30:00Z"));   // 17:30 local
        assertFalse(enter(FRONT, daily.pin()).granted());
        clock.set(Instant.parse("2027-03-28T16:00:00Z"));
        access.changeMode(FRONT, OperatingMode.VACATION, "owner");
        clock.set(Instant.parse("2027-03-29T08:00:00Z"));   // 10:00 local
        EntryResult away = enter(FRONT, daily.pin());
        assertEquals(DenialReason.MODE_FORBIDS, away.reason());
        assertEquals(daily.codeId(), away.offlineCode().id());
    }

    @Test
    void anOfflineLengthThatIsAlsoAUserCodeLengthIsRefusedAtCommissioning() {
        LockId side = LockId.of("side");
        LockCommandRejected e = assertThrows(LockCommandRejected.class, () -> access.commission(LockSetup.of(side)
                .withPinPolicy(PinPolicy.defaults().withLengths(4, 12)).withOfflineCodeLength(10),
                "80808080".toCharArray()));
        assertEquals(Rejection.INVALID_ARGUMENT, e.rejection());
        access.commission(LockSetup.of(side).withPinPolicy(PinPolicy.defaults().withLengths(4, 12)),
                "80808080".toCharArray());
        assertEquals(13, access.state(side).profile().offlineCodeLength(), "the default moves past user codes");
        access.commission(LockSetup.of(LockId.of("plain")).withOfflineCodeLength(0), "80808080".toCharArray());
        assertThrows(LockCommandRejected.class, () -> access.exportOfflineIssuingKey(LockId.of("plain")));
    }
}
