package dev.access.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.bench.support.OfflinePins;
import dev.access.core.EntryResult;
import dev.access.core.domain.UserType;
import dev.access.crypto.OfflineCodeChecker;
import dev.access.crypto.OfflineCodeMatch;
import dev.access.crypto.OfflineCodes;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OfflineCodeBenchmark's states and methods, called directly: each measures what its Javadoc says
 * (valid input opens, invalid does not, the cold check alternates hours with the most covering
 * codes, the in-memory entries are granted, identify finds the code).
 */
class OfflineCodeBenchmarkTest {
    private final OfflineCodeBenchmark bench = new OfflineCodeBenchmark();

    private static OfflineCodeBenchmark.Offline offline(OfflineCodeBenchmark.Input input) {
        OfflineCodeBenchmark.Offline s = new OfflineCodeBenchmark.Offline();
        s.input = input;
        s.setup();
        return s;
    }

    @Test
    void warmAndColdChecks_openForValidInputAndNotForInvalid_atBothHours() {
        OfflineCodeBenchmark.Offline valid = offline(OfflineCodeBenchmark.Input.VALID);
        OfflineCodeBenchmark.Offline invalid = offline(OfflineCodeBenchmark.Input.INVALID);
        VerifyBenchmark.Cursor c = new VerifyBenchmark.Cursor();
        for (int i = 0; i < 8; i++) {
            assertTrue(bench.checkWarm(valid, c).isPresent());
            assertFalse(bench.checkWarm(invalid, c).isPresent());
            assertTrue(bench.checkCold(valid, c).isPresent(), "call " + i);
            assertFalse(bench.checkCold(invalid, c).isPresent(), "call " + i);
        }
        assertEquals(VerifyBenchmark.RING, valid.queries.length);
        assertEquals(VerifyBenchmark.RING, invalid.queries.length);
        assertEquals(OfflinePins.DIGITS, invalid.queries[0].length, "same length as a valid PIN");
    }

    /** The checker's one-hour cache (a private field: read here only to prove what is measured). */
    private static Object cachedHour(OfflineCodeBenchmark.Offline s) throws ReflectiveOperationException {
        Field f = OfflineCodeChecker.class.getDeclaredField("cached");
        f.setAccessible(true);
        return f.get(s.checker);
    }

    @Test
    void coldCheck_recomputesTheHourOnEveryCall_warmCheckNever() throws Exception {
        assertEquals(OfflineCodes.MAX_COVERING, OfflinePins.covering(OfflinePins.AT).size());
        assertEquals(OfflineCodes.MAX_COVERING, OfflinePins.covering(OfflinePins.NEXT_HOUR).size());
        assertNotEquals(OfflinePins.AT.getEpochSecond() / 3600, OfflinePins.NEXT_HOUR.getEpochSecond() / 3600);
        OfflineCodeBenchmark.Offline s = offline(OfflineCodeBenchmark.Input.INVALID);
        VerifyBenchmark.Cursor c = new VerifyBenchmark.Cursor();
        bench.checkCold(s, c);
        for (int i = 0; i < 6; i++) {
            Object before = cachedHour(s);
            bench.checkCold(s, c);
            assertNotSame(before, cachedHour(s), "cold call " + i + " computed its hour anew");
        }
        bench.checkWarm(s, c);
        Object warm = cachedHour(s);
        for (int i = 0; i < 6; i++) {
            bench.checkWarm(s, c);
            assertSame(warm, cachedHour(s), "warm call " + i + " used the cached hour");
        }
    }

    @Test
    void userCodeVerifyAndHmacFloor_areVerifyBenchmarksOwn() {
        OfflineCodeBenchmark.UserCodes u = new OfflineCodeBenchmark.UserCodes();
        u.setup();
        VerifyBenchmark.Cursor c = new VerifyBenchmark.Cursor();
        int hits = 0;
        for (int i = 0; i < VerifyBenchmark.RING; i++) {
            hits += bench.verifyUserCode(u, c) >= 0 ? 1 : 0;
        }
        assertEquals(VerifyBenchmark.RING / 2, hits, "hit ratio 0.5, as VerifyBenchmark.verify at N = 1000");
        VerifyBenchmark.Floor f = new VerifyBenchmark.Floor();
        f.engine = dev.access.crypto.DigestEngine.JDK;
        f.setup();
        assertEquals(32, bench.hmacFloor(f, c).length);
    }

    @Test
    void inMemoryEntries_ofAnOfflinePinAndTheUserCode_areGranted_eachIteration() {
        OfflineCodeBenchmark.Door d = new OfflineCodeBenchmark.Door();
        d.setup();
        try {
            for (int iteration = 0; iteration < 2; iteration++) {
                d.freshLock();
                for (int i = 0; i < 3; i++) {
                    EntryResult offline = bench.enterOffline(d);
                    assertTrue(offline.granted(), offline.toString());
                    assertEquals(UserType.OFFLINE, offline.userType());
                    EntryResult user = bench.enterUserCode(d);
                    assertTrue(user.granted(), user.toString());
                    assertEquals(UserType.UNRESTRICTED, user.userType());
                }
                assertEquals("fresh-" + iteration, d.lock.value());
            }
        } finally {
            d.tearDown();
        }
    }

    @Test
    void identifyYear_findsTheValidPinsCode() {
        OfflineCodeBenchmark.Year y = new OfflineCodeBenchmark.Year();
        y.setup();
        List<OfflineCodeMatch> found = bench.identifyYear(y);
        assertFalse(found.isEmpty());
        assertTrue(found.stream().anyMatch(m -> m.validity().covers(OfflinePins.AT, OfflinePins.ZONE)));
    }
}
