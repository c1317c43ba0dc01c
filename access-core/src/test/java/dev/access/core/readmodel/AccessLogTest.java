package dev.access.core.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.internal.json.Json;
import dev.access.core.internal.readmodel.AccessLogEntry;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.SimulatedClock;
import dev.access.crypto.FileKeyRing;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log read model on the embedded store: content, restart without replay, rebuild, freshness. */
class AccessLogTest {
    private static final ObjectMapper JSON = Json.objectMapper();
    private static final Instant T0 = Instant.parse("2026-09-01T06:00:00Z");

    @TempDir
    Path dir;

    private final SimulatedClock clock = new SimulatedClock(T0);
    private LockStore store;
    private AccessControl access;

    private AccessControl open() {
        store = LockStore.sqlite(dir.resolve("data"));
        access = AccessControl.builder().store(store).clock(clock).keyRing(FileKeyRing.open(dir.resolve("data/keys")))
                .build();
        return access;
    }

    @AfterEach
    void close() {
        if (access != null) {
            access.close();
            store.close();
            access = null;
        }
    }

    private static char[] pin(String s) {
        return s.toCharArray();
    }

    private void busyDay(LockId lock) {
        access.commission(LockSetup.of(lock).withLockoutPolicy(LockoutPolicy.defaults().with(3, Duration.ofSeconds(60))),
                pin("80808080"));
        access.addCode(lock, NewCode.unrestricted(1, "alice"), pin("4826"));
        access.addCode(lock, NewCode.of(2, UserType.DISPOSABLE, "courier", CodeRules.none()), pin("5937"));
        access.enter(lock, pin("4826"), EntrySource.KEYPAD);
        access.enter(lock, pin("5937"), EntrySource.REMOTE);
        access.enter(lock, pin("5937"), EntrySource.KEYPAD);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            access.enter(lock, pin("111" + i), EntrySource.KEYPAD);
        }
        access.changeMode(lock, OperatingMode.VACATION, "owner");
        access.reportBattery(lock, 12);
        access.suspendCode(lock, 1);
    }

    @Test
    void accessLog_showsAttemptsCodesLockoutModeAndBattery_withoutAnyDigest() throws Exception {
        open();
        LockId lock = LockId.of("front");
        busyDay(lock);
        assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)), "the processor caught up");
        AccessLogView v = access.accessLog(lock);
        assertEquals(6, v.recentAttempts().size());
        assertTrue(v.recentAttempts().get(0).granted());
        assertEquals("alice", v.recentAttempts().get(0).name());
        assertEquals(DenialReason.USE_LIMIT_REACHED, v.recentAttempts().get(2).reason());
        assertEquals("courier", v.recentAttempts().get(2).name());
        assertEquals(DenialReason.UNKNOWN_CODE, v.recentAttempts().get(5).reason());
        assertEquals(T0.plusSeconds(3 + 60), v.lockedOutUntil());
        assertEquals(OperatingMode.VACATION, v.mode());
        assertEquals("owner", v.modeSetBy());
        assertEquals(12, v.batteryPercent());
        assertEquals("SUSPENDED", v.codes().get(1).status());
        assertEquals("USED_UP", v.codes().get(2).status());
        String json = JSON.writeValueAsString(v);
        for (LockEvent e : access.events(lock)) {
            if (e instanceof LockEvent.CodeAdded) {
                assertFalse(json.contains(Base64.getEncoder().encodeToString(((LockEvent.CodeAdded) e).digest().toBytes())));
            }
        }
        AccessLogView stored = viewFromStoredRow(lock);
        assertTrue(dev.access.crypto.PersonalData.isSealed(stored.codes().get(1).name())
                && dev.access.crypto.PersonalData.isSealed(stored.recentAttempts().get(0).name())
                && dev.access.crypto.PersonalData.isSealed(stored.modeSetBy()),
                "the stored view keeps names sealed, as the events do");
        assertEquals(v, revealed(lock, viewFromStoredRow(lock)), "the processor's stored view equals the caught-up one");
    }

    @Test
    void givenRestart_processorResumesFromItsTokenWithoutReplaying_andQueriesStayComplete() throws Exception {
        open();
        LockId lock = LockId.of("front");
        busyDay(lock);
        assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)));
        AccessLogView before = access.accessLog(lock);
        close();
        sql("DELETE FROM AccessLogView");
        open();
        assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)));
        assertEquals(0, count("SELECT count(*) FROM AccessLogView"),
                "nothing was replayed: the token survived the restart");
        assertEquals(before, access.accessLog(lock), "a query catches up from the lock's own stream");
        access.enter(lock, pin("9999"), EntrySource.KEYPAD);
        assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)));
        AccessLogView after = viewFromStoredRow(lock);
        assertEquals(access.accessLog(lock), revealed(lock, after), "the processor healed the missing history from the stream");
        assertEquals(before.recentAttempts().size() + 1, after.recentAttempts().size());
    }

    @Test
    void rebuildFromScratch_givesIdenticalContent() throws Exception {
        open();
        Map<LockId, AccessLogView> before = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            LockId lock = LockId.of("lock-" + i);
            busyDay(lock);
        }
        assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)));
        for (int i = 0; i < 4; i++) {
            LockId lock = LockId.of("lock-" + i);
            before.put(lock, viewFromStoredRow(lock));
        }
        access.rebuildAccessLog();
        assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)));
        for (Map.Entry<LockId, AccessLogView> e : before.entrySet()) {
            assertEquals(e.getValue(), viewFromStoredRow(e.getKey()), "rebuilt view of " + e.getKey());
        }
    }

    @Test
    void unknownLock_hasAnEmptyLog() {
        open();
        AccessLogView v = access.accessLog(LockId.of("nothing"));
        assertFalse(v.commissioned());
        assertTrue(v.recentAttempts().isEmpty());
        assertNull(v.batteryPercent());
    }

    /** A stored view with its sealed names read back, as {@link AccessControl#accessLog} gives it. */
    private AccessLogView revealed(LockId lock, AccessLogView v) {
        java.util.List<dev.access.core.readmodel.CodeView> codes = new java.util.ArrayList<>();
        for (dev.access.core.readmodel.CodeView c : v.codes()) {
            codes.add(new dev.access.core.readmodel.CodeView(c.slot(), c.type(), access.reveal(lock, c.name()), c.status(),
                    c.expiresAt()));
        }
        java.util.List<dev.access.core.readmodel.AttemptView> attempts = new java.util.ArrayList<>();
        for (dev.access.core.readmodel.AttemptView a : v.recentAttempts()) {
            attempts.add(a.withName(access.reveal(lock, a.name())));
        }
        return new AccessLogView(v.lockId(), v.lastSequence(), v.commissioned(), v.mode(), v.modeSince(),
                access.reveal(lock, v.modeSetBy()), v.lockedOutUntil(), v.keypadDisabled(), v.batteryPercent(),
                v.batteryLevel(), v.clockTrusted(), codes, attempts);
    }

    private AccessLogView viewFromStoredRow(LockId lock) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT entry FROM AccessLogView WHERE lockId = '" + lock.value() + "'")) {
            assertTrue(r.next(), "a stored row for " + lock);
            return JSON.readValue(r.getString(1), AccessLogEntry.class).view();
        }
    }

    private long count(String query) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void sql(String update) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.executeUpdate(update);
        }
    }

    private Connection db() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(LockStore.SQLITE_FILE));
    }
}
