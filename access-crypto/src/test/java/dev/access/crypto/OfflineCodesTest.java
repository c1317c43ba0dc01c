package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.access.crypto.OfflineValidity.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The offline-code grid, the fitting of requests onto it, and what the lock's checker accepts
 * where and when, against {@code docs/offline-codes.md}.
 */
class OfflineCodesTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** The plain tiers as the specification's table gives them: grid in hours, fewest and most units. */
    private static final int[][] PLAIN_TIERS = {{1, 1, 12}, {4, 4, 12}, {16, 4, 12}, {64, 4, 12}, {256, 4, 12},
        {1024, 4, 8}};
    /** The day tiers as the specification's table gives them: grid in days, fewest and most units. */
    private static final int[][] DAY_TIERS = {{1, 1, 7}, {7, 2, 6}, {28, 2, 4}, {91, 2, 4}};
    private static final int[] DAILY_LENGTHS = {1, 2, 3, 4, 6, 8, 10, 12};
    private static final long HOURS_366_DAYS = 366 * 24;
    private static final InMemoryKeyRing RING = InMemoryKeyRing.create();
    private static final int EPOCH = RING.createEpoch("front-door");

    private static OfflineIssuingKey key(ZoneId zone) {
        return RING.offlineIssuingKey("front-door", EPOCH, 1, 10, zone);
    }

    private static OfflineCodeChecker checker(ZoneId zone) {
        return RING.offlineCodeChecker("front-door", EPOCH, 1, 10, zone);
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    private static Instant local(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static long hourOf(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), 3600);
    }

    private static Instant hour(long h) {
        return Instant.ofEpochSecond(h * 3600);
    }

    /** The code id {@code checker} takes {@code pin} for at {@code t}, or null when it opens nothing. */
    private static String idAt(OfflineCodeChecker checker, char[] pin, Instant t) {
        try (PinCode p = PinCode.of(pin, PinPolicy.defaults().withLengths(pin.length, pin.length))) {
            return checker.check(p, t).map(OfflineCodeMatch::codeId).orElse(null);
        }
    }

    private static List<OfflineValidity> covering(Instant at, ZoneId zone) {
        List<OfflineValidity> out = new ArrayList<>();
        OfflineCodes.forEachCovering(at, zone, out::add);
        return out;
    }

    private static String messageOf(Throwable e) {
        return e.getMessage();
    }

    // ---------------------------------------------------------------- plain windows: fitting

    @Test
    void aPlainRequestIsRoundedInwardToWholeUtcHours() {
        OfflineValidity v = OfflineCodes.fitPlain(at("2026-06-01T10:20:00Z"), at("2026-06-01T13:40:00Z"), false, 0);
        assertEquals(at("2026-06-01T11:00:00Z"), v.from(UTC));
        assertEquals(at("2026-06-01T13:00:00Z"), v.until(UTC));
        v = OfflineCodes.fitPlain(at("2026-06-01T10:00:00Z").plusNanos(1), at("2026-06-01T13:00:00Z").minusNanos(1),
                false, 0);
        assertEquals(at("2026-06-01T11:00:00Z"), v.from(UTC), "a nanosecond past the hour starts at the next");
        assertEquals(at("2026-06-01T12:00:00Z"), v.until(UTC), "a nanosecond before the hour ends at the one before");
        v = OfflineCodes.fitPlain(at("2026-06-01T10:00:00Z"), at("2026-06-01T13:00:00Z"), true, 2);
        assertEquals(new OfflineValidity(Kind.PLAIN, hourOf(at("2026-06-01T10:00:00Z")),
                hourOf(at("2026-06-01T13:00:00Z")), true, 0, 0, 2), v, "whole hours stay, flag and variant kept");
    }

    @Test
    void aRequestOfExactlyOneHourGetsThatHour() {
        OfflineValidity v = OfflineCodes.fitPlain(at("2026-06-01T10:00:00Z"), at("2026-06-01T11:00:00Z"), true, 3);
        assertEquals(new OfflineValidity(Kind.PLAIN, hourOf(at("2026-06-01T10:00:00Z")),
                hourOf(at("2026-06-01T11:00:00Z")), true, 0, 0, 3), v);
    }

    @Test
    void eachTiersShortestAndLongestWindowAreGivenWhole() {
        long base = Math.floorDiv(hourOf(at("2026-06-01T00:00:00Z")), 1024) * 1024;
        for (int[] tier : PLAIN_TIERS) {
            long g = tier[0];
            for (long length : new long[] {g * tier[1], g * tier[2]}) {
                OfflineValidity exact = OfflineCodes.fitPlain(hour(base), hour(base + length), false, 0);
                assertEquals(base, exact.start(), "tier " + g + ": " + length + " h");
                assertEquals(base + length, exact.end(), "tier " + g + ": " + length + " h");
            }
            long longest = g * tier[2];
            long slack = Math.min(g - 1, (HOURS_366_DAYS - longest) / 2);
            OfflineValidity widened = OfflineCodes.fitPlain(hour(base - slack), hour(base + longest + slack), false, 0);
            assertEquals(base, widened.start(), "tier " + g + " with " + slack + " h to spare on each side");
            assertEquals(base + longest, widened.end(), "tier " + g + " with " + slack + " h to spare on each side");
        }
    }

    /**
     * The fitted window is the longest on the specification's grid inside the request, the
     * earliest of equally long ones, found here by trying every grid window inside it.
     */
    @Test
    void theFittedWindowIsTheLongestInsideTheRequestAndTheEarliestOfEqualOnes() {
        long first = hourOf(at("2026-01-01T00:00:00Z"));
        qt().withFixedSeed(20260601L).withExamples(300)
                .forAll(longs().between(first, first + 2 * 8784), longs().between(0, HOURS_366_DAYS - 1),
                        integers().between(0, 3599), integers().between(0, 3599))
                .checkAssert((lo, hours, startSeconds, endSeconds) -> {
                    Instant from = hour(lo).plusSeconds(startSeconds);
                    Instant until = from.plusSeconds(hours * 3600 + endSeconds);
                    long wholeFrom = lo + (startSeconds > 0 ? 1 : 0);
                    long wholeUntil = hourOf(until);
                    long[] best = null;
                    for (int[] tier : PLAIN_TIERS) {
                        long g = tier[0];
                        for (long s = Math.floorDiv(wholeFrom + g - 1, g) * g; s < wholeUntil; s += g) {
                            for (int units = tier[1]; units <= tier[2] && s + units * g <= wholeUntil; units++) {
                                long len = units * g;
                                if (best == null || len > best[1] - best[0] || (len == best[1] - best[0] && s < best[0])) {
                                    best = new long[] {s, s + len};
                                }
                            }
                        }
                    }
                    if (best == null) {
                        assertThrows(IllegalArgumentException.class, () -> OfflineCodes.fitPlain(from, until, false,
                                0), from + " to " + until);
                        return;
                    }
                    OfflineValidity v = OfflineCodes.fitPlain(from, until, false, 0);
                    assertEquals(best[0], v.start(), from + " to " + until);
                    assertEquals(best[1], v.end(), from + " to " + until);
                });
    }

    /**
     * The claims of the specification's section 3.1 over every request length from 1 hour to 366
     * days and every position against the grid (modulo 1,024 h, which every grid divides): at
     * least 60 % of the whole hours, a start at most 1,023 h late, an end at most 1,791 h early;
     * and each bound is reached.
     */
    @Test
    void aPlainRequestGetsAtLeastSixtyPercentOfItsHoursAndTheWorstCasesAreAsStated() {
        long base = Math.floorDiv(hourOf(at("2026-06-01T00:00:00Z")), 1024) * 1024;
        double worstRatio = 1;
        long latestStart = 0;
        long earliestEnd = 0;
        for (long length = 1; length <= HOURS_366_DAYS; length++) {
            for (long offset = 0; offset < 1024; offset++) {
                long lo = base + offset;
                OfflineValidity v = OfflineCodes.fitPlain(hour(lo), hour(lo + length), false, 0);
                worstRatio = Math.min(worstRatio, (double) (v.end() - v.start()) / length);
                latestStart = Math.max(latestStart, v.start() - lo);
                earliestEnd = Math.max(earliestEnd, lo + length - v.end());
            }
        }
        assertEquals(3072.0 / 5118, worstRatio, 1e-12);
        assertTrue(worstRatio >= 0.6);
        assertEquals(1023, latestStart);
        assertEquals(1791, earliestEnd);
    }

    /** The worked examples of the specification's section 3.1, as the page gives them. */
    @Test
    void theSpecificationsWorkedExamplesHold() {
        String[][] plain = {
            {"2026-06-01T10:20:00Z", "2026-06-01T13:40:00Z", "2026-06-01T11:00:00Z", "2026-06-01T13:00:00Z"},
            {"2026-06-01T10:00:00Z", "2026-06-01T11:00:00Z", "2026-06-01T10:00:00Z", "2026-06-01T11:00:00Z"},
            {"2026-06-01T10:00:00Z", "2026-06-02T00:00:00Z", "2026-06-01T10:00:00Z", "2026-06-01T22:00:00Z"},
            {"2026-06-01T09:00:00Z", "2026-06-03T09:00:00Z", "2026-06-01T12:00:00Z", "2026-06-03T08:00:00Z"},
            {"2026-06-01T10:00:00Z", "2026-06-15T10:00:00Z", "2026-06-04T00:00:00Z", "2026-06-14T16:00:00Z"},
            {"2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z", "2026-06-01T08:00:00Z", "2026-06-30T16:00:00Z"},
            {"2026-06-01T00:00:00Z", "2027-06-02T00:00:00Z", "2026-06-04T00:00:00Z", "2027-05-11T08:00:00Z"},
            {"2026-04-22T09:00:00Z", "2026-11-21T15:00:00Z", "2026-05-03T00:00:00Z", "2026-09-08T00:00:00Z"},
            {"2026-04-22T09:00:00Z", "2026-11-21T16:00:00Z", "2026-06-04T00:00:00Z", "2026-11-21T16:00:00Z"},
        };
        for (String[] e : plain) {
            OfflineValidity v = OfflineCodes.fitPlain(at(e[0]), at(e[1]), false, 0);
            assertEquals(at(e[2]), v.from(UTC), e[0] + " to " + e[1]);
            assertEquals(at(e[3]), v.until(UTC), e[0] + " to " + e[1]);
        }
        Object[][] daily = {
            {at("2026-06-03T00:00:00Z"), at("2026-06-20T00:00:00Z"), "09:30", "17:45", "2026-06-03", "2026-06-09",
                "10:00-16:00"},
            {at("2026-06-03T00:00:00Z"), at("2026-06-20T00:00:00Z"), "09:00", "17:00", "2026-06-03", "2026-06-09",
                "09:00-17:00"},
            {at("2026-06-01T06:00:00Z"), at("2026-09-01T00:00:00Z"), "12:00", "00:00", "2026-06-08", "2026-08-30",
                "12:00-24:00"},
            {at("2026-06-01T00:00:00Z"), at("2027-06-01T00:00:00Z"), "07:00", "19:00", "2026-07-27", "2027-04-25",
                "07:00-19:00"},
            {local("2026-06-02T00:00", BERLIN), local("2026-06-21T00:00", BERLIN), "09:00", "17:00", "2026-06-02",
                "2026-06-08", "09:00-17:00"},
        };
        for (Object[] e : daily) {
            OfflineValidity v = OfflineCodes.fitDaily((Instant) e[0], (Instant) e[1], LocalTime.parse((String) e[2]),
                    LocalTime.parse((String) e[3]), BERLIN, 0);
            String what = e[0] + " to " + e[1] + ", " + e[2] + "-" + e[3];
            assertEquals(LocalDate.parse((String) e[4]).toEpochDay(), v.start(), what);
            assertEquals(LocalDate.parse((String) e[5]).toEpochDay() + 1, v.end(), what);
            assertEquals(e[6], v.dailyText(), what);
        }
    }

    @Test
    void aRequestOf366DaysIsFittedAndALongerOneIsRefusedNamingItsEnds() {
        Instant from = at("2026-06-01T00:00:00Z");
        OfflineValidity v = OfflineCodes.fitPlain(from, from.plus(Duration.ofDays(366)), false, 0);
        assertEquals(8192, v.end() - v.start(), "the longest window there is: 8 x 1,024 h");
        Instant tooLate = from.plus(Duration.ofDays(366)).plusSeconds(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfflineCodes.fitPlain(from, tooLate, false, 0));
        assertTrue(messageOf(e).contains("366 days") && messageOf(e).contains(from.toString())
                && messageOf(e).contains(tooLate.toString()), messageOf(e));
        e = assertThrows(IllegalArgumentException.class, () -> OfflineCodes.fitDaily(from, tooLate, LocalTime.of(9, 0),
                LocalTime.of(17, 0), BERLIN, 0));
        assertTrue(messageOf(e).contains("366 days") && messageOf(e).contains(tooLate.toString()), messageOf(e));
        OfflineValidity daily = OfflineCodes.fitDaily(from, from.plus(Duration.ofDays(366)), LocalTime.of(9, 0),
                LocalTime.of(17, 0), BERLIN, 0);
        assertEquals(273, daily.end() - daily.start(), "3 x 91 days");
    }

    @Test
    void aRequestEndingBeforeOrWhenItStartsIsRefusedNamingItsEnds() {
        Instant from = at("2026-06-02T10:00:00Z");
        for (Instant until : List.of(at("2026-06-01T10:00:00Z"), from)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OfflineCodes.fitPlain(from, until, false, 0));
            assertTrue(messageOf(e).contains("end after it starts") && messageOf(e).contains(from.toString())
                    && messageOf(e).contains(until.toString()), messageOf(e));
            e = assertThrows(IllegalArgumentException.class, () -> OfflineCodes.fitDaily(from, until,
                    LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN, 0));
            assertTrue(messageOf(e).contains(until.toString()), messageOf(e));
        }
    }

    @Test
    void aRequestHoldingNoWholeHourIsRefusedNamingItsEnds() {
        Instant from = at("2026-06-01T10:20:00Z");
        for (Instant until : List.of(at("2026-06-01T10:50:00Z"), at("2026-06-01T11:10:00Z"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OfflineCodes.fitPlain(from, until, false, 0));
            assertTrue(messageOf(e).contains("no whole UTC hour") && messageOf(e).contains(from.toString())
                    && messageOf(e).contains(until.toString()), messageOf(e));
        }
    }

    // ---------------------------------------------------------------- daily codes: fitting

    /**
     * 09:30 to 17:45 holds the whole hours 10:00 to 17:00, 7 hours; 7 is no allowed length, so the
     * code opens the longest allowed length, 6 hours, from the first whole hour: 10:00 to 16:00.
     */
    @Test
    void dailyHoursAreRoundedInwardToTheLongestAllowedLength() {
        Instant from = local("2026-06-03T00:00", BERLIN);
        Instant until = local("2026-06-06T00:00", BERLIN);
        OfflineValidity v = OfflineCodes.fitDaily(from, until, LocalTime.of(9, 30), LocalTime.of(17, 45), BERLIN, 1);
        assertEquals(new OfflineValidity(Kind.DAILY, LocalDate.parse("2026-06-03").toEpochDay(),
                LocalDate.parse("2026-06-06").toEpochDay(), false, 10, 6, 1), v);
        assertEquals("10:00-16:00", v.dailyText());
        v = OfflineCodes.fitDaily(from, until, LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN, 0);
        assertEquals("09:00-17:00", v.dailyText(), "whole hours of an allowed length stay");
        for (int room = 1; room <= 24; room++) {
            int expected = 0;
            for (int n : DAILY_LENGTHS) {
                expected = n <= room ? n : expected;
            }
            int a = 24 - room;
            v = OfflineCodes.fitDaily(from, until, LocalTime.of(a, 0), LocalTime.MIDNIGHT, BERLIN, 0);
            assertEquals(a, v.dailyStartHour(), room + " h of room");
            assertEquals(expected, v.dailyHours(), room + " h of room");
        }
    }

    @Test
    void dailyHoursCrossingMidnightAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OfflineCodes.fitDaily(
                local("2026-06-01T00:00", BERLIN), local("2026-06-08T00:00", BERLIN), LocalTime.of(22, 0),
                LocalTime.of(2, 0), BERLIN, 0));
        assertTrue(messageOf(e).contains("22:00") && messageOf(e).contains("02:00")
                && messageOf(e).contains("cross midnight"), messageOf(e));
    }

    @Test
    void dailyHoursHoldingNoWholeHourAreRefused() {
        for (LocalTime[] hours : new LocalTime[][] {{LocalTime.of(9, 15), LocalTime.of(9, 45)},
            {LocalTime.of(9, 30), LocalTime.of(10, 15)}, {LocalTime.of(23, 30), LocalTime.MIDNIGHT}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OfflineCodes.fitDaily(
                    local("2026-06-01T00:00", BERLIN), local("2026-06-08T00:00", BERLIN), hours[0], hours[1], BERLIN,
                    0));
            assertTrue(messageOf(e).contains("no whole hour") && messageOf(e).contains(hours[0].toString()), messageOf(e));
        }
    }

    @Test
    void aDailyRequestHoldingNoWholeDaysHoursIsRefused() {
        Instant from = local("2026-06-01T12:00", BERLIN);
        Instant until = local("2026-06-02T08:00", BERLIN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OfflineCodes.fitDaily(from,
                until, LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN, 0));
        assertTrue(messageOf(e).contains("09:00-17:00") && messageOf(e).contains(from.toString())
                && messageOf(e).contains(until.toString()), messageOf(e));
    }

    @Test
    void aDailyCodeIsNeverOneTime() {
        long day = LocalDate.parse("2026-06-01").toEpochDay();
        OfflineValidity oneTime = new OfflineValidity(Kind.DAILY, day, day + 1, true, 9, 8, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, oneTime::requireIssuable);
        assertTrue(messageOf(e).contains("one-time"), messageOf(e));
        assertThrows(IllegalArgumentException.class, () -> key(BERLIN).issue(oneTime));
        new OfflineValidity(Kind.DAILY, day, day + 1, false, 9, 8, 0).requireIssuable();
    }

    @Test
    void dailyHoursMayEndAtMidnight() {
        Instant from = local("2026-06-01T00:00", BERLIN);
        Instant until = local("2026-06-08T00:00", BERLIN);
        for (LocalTime midnight : List.of(LocalTime.MIDNIGHT, LocalTime.MAX)) {
            OfflineValidity v = OfflineCodes.fitDaily(from, until, LocalTime.of(12, 0), midnight, BERLIN, 0);
            assertEquals("12:00-24:00", v.dailyText(), "until " + midnight);
            assertEquals(LocalDate.parse("2026-06-07").toEpochDay() + 1, v.end(),
                    "the last day closes at the request's end, midnight, so it is inside");
            v = OfflineCodes.fitDaily(from, until, LocalTime.of(18, 0), midnight, BERLIN, 0);
            assertEquals("18:00-24:00", v.dailyText());
        }
        OfflineCodeChecker checker = checker(BERLIN);
        try (IssuedOfflineCode code = key(BERLIN).issueDaily(from, until, LocalTime.of(18, 0), LocalTime.MAX, 0)) {
            assertEquals(local("2026-06-08T00:00", BERLIN), code.until());
            assertEquals(code.codeId(), idAt(checker, code.pin(), local("2026-06-03T23:59:59", BERLIN)));
            assertNull(idAt(checker, code.pin(), local("2026-06-04T00:00:00", BERLIN)));
            assertNull(idAt(checker, code.pin(), local("2026-06-04T17:59:59", BERLIN)));
            assertEquals(code.codeId(), idAt(checker, code.pin(), local("2026-06-04T18:00:00", BERLIN)));
        }
    }

    /** Daily codes fitted from local midnight to local midnight: the days are the longest on the day grid. */
    @Test
    void theFittedDaysAreTheLongestOnTheDayGridInsideTheRequest() {
        long first = LocalDate.parse("2026-01-01").toEpochDay();
        qt().withFixedSeed(20260602L).withExamples(300)
                .forAll(longs().between(first, first + 730), integers().between(1, 365), integers().between(0, 23),
                        integers().between(1, 24))
                .checkAssert((d0, days, a, room) -> {
                    int b = Math.min(24, a + room);
                    Instant from = LocalDate.ofEpochDay(d0).atStartOfDay(BERLIN).toInstant();
                    Instant until = LocalDate.ofEpochDay(d0 + days).atStartOfDay(BERLIN).toInstant();
                    long[] best = null;
                    for (int[] tier : DAY_TIERS) {
                        long g = tier[0];
                        for (long s = 4 + Math.floorDiv(d0 - 4 + g - 1, g) * g; s < d0 + days; s += g) {
                            for (int units = tier[1]; units <= tier[2] && s + units * g <= d0 + days; units++) {
                                long len = units * g;
                                if (best == null || len > best[1] - best[0] || (len == best[1] - best[0] && s < best[0])) {
                                    best = new long[] {s, s + len};
                                }
                            }
                        }
                    }
                    OfflineValidity v = OfflineCodes.fitDaily(from, until, LocalTime.of(a, 0),
                            b == 24 ? LocalTime.MIDNIGHT : LocalTime.of(b, 0), BERLIN, 1);
                    String what = LocalDate.ofEpochDay(d0) + " + " + days + " days, " + a + "-" + b;
                    assertEquals(best[0], v.start(), what);
                    assertEquals(best[1], v.end(), what);
                    int longest = 0;
                    for (int n : DAILY_LENGTHS) {
                        longest = n <= b - a ? n : longest;
                    }
                    assertEquals(a, v.dailyStartHour(), what);
                    assertEquals(longest, v.dailyHours(), what);
                    v.requireIssuable();
                });
    }

    /** The daily claims of section 3.1: 7 of 19 days at worst; a 271-day request can get 112 days. */
    @Test
    void aDailyRequestsWorstCasesAreAsStated() {
        double worst = 1;
        long fewestFor271 = Long.MAX_VALUE;
        for (int days = 1; days <= 366; days++) {
            for (int offset = 0; offset < 364; offset++) {
                LocalDate first = LocalDate.parse("2026-01-05").plusDays(offset);
                OfflineValidity v = OfflineCodes.fitDaily(first.atStartOfDay(UTC).toInstant(),
                        first.plusDays(days).atStartOfDay(UTC).toInstant(), LocalTime.of(9, 0), LocalTime.of(17, 0),
                        UTC, 0);
                worst = Math.min(worst, (double) (v.end() - v.start()) / days);
                if (days == 271) {
                    fewestFor271 = Math.min(fewestFor271, v.end() - v.start());
                }
            }
        }
        assertEquals(7.0 / 19, worst, 1e-12);
        assertEquals(112, fewestFor271);
    }

    // ---------------------------------------------------------------- the checker: edges

    @Test
    void aPlainWindowOpensFromItsFirstToItsLastSecondOnly() {
        OfflineCodeChecker checker = checker(BERLIN);
        try (IssuedOfflineCode code = key(BERLIN).issuePlain(at("2026-06-01T10:00:00Z"), at("2026-06-01T13:00:00Z"),
                false, 0)) {
            assertEquals(at("2026-06-01T10:00:00Z"), code.from());
            assertEquals(at("2026-06-01T13:00:00Z"), code.until());
            assertEquals(code.codeId(), idAt(checker, code.pin(), code.from()));
            assertEquals(code.codeId(), idAt(checker, code.pin(), code.until().minusSeconds(1)));
            assertEquals(code.codeId(), idAt(checker, code.pin(), code.until().minusNanos(1)));
            assertNull(idAt(checker, code.pin(), code.from().minusSeconds(1)));
            assertNull(idAt(checker, code.pin(), code.until()));
        }
    }

    @Test
    void dailyHoursOpenFromTheirFirstToTheirLastSecondOnEachDayOfTheRange() {
        OfflineCodeChecker checker = checker(BERLIN);
        OfflineValidity week = OfflineValidity.daily(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-07"), 9,
                8, 1);
        try (IssuedOfflineCode code = key(BERLIN).issue(week)) {
            assertEquals(local("2026-06-01T09:00", BERLIN), code.from());
            assertEquals(local("2026-06-07T17:00", BERLIN), code.until());
            for (String day : List.of("2026-06-01", "2026-06-04", "2026-06-07")) {
                assertEquals(code.codeId(), idAt(checker, code.pin(), local(day + "T09:00:00", BERLIN)), day);
                assertEquals(code.codeId(), idAt(checker, code.pin(), local(day + "T16:59:59", BERLIN)), day);
                assertNull(idAt(checker, code.pin(), local(day + "T08:59:59", BERLIN)), day);
                assertNull(idAt(checker, code.pin(), local(day + "T17:00:00", BERLIN)), day);
            }
            assertNull(idAt(checker, code.pin(), local("2026-05-31T12:00:00", BERLIN)), "the day before");
            assertNull(idAt(checker, code.pin(), local("2026-06-08T12:00:00", BERLIN)), "the day after");
        }
    }

    // ---------------------------------------------------------------- daylight saving

    /** Minutes of local {@code day} in which {@code checker} takes {@code code}'s PIN as that code. */
    private static int minutesOpen(OfflineCodeChecker checker, IssuedOfflineCode code, LocalDate day, ZoneId zone) {
        Instant t = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        int open = 0;
        for (; t.isBefore(end); t = t.plusSeconds(60)) {
            boolean opens = code.codeId().equals(idAt(checker, code.pin(), t));
            assertEquals(code.validity().covers(t, zone), opens, "checker and validity agree at " + t);
            open += opens ? 1 : 0;
        }
        return open;
    }

    /** Minutes of local {@code day} that {@code v} covers (by its own rule, cheaper than the checker). */
    private static int minutesCovered(OfflineValidity v, LocalDate day, ZoneId zone) {
        int open = 0;
        for (Instant t = day.atStartOfDay(zone).toInstant(); t.isBefore(day.plusDays(1).atStartOfDay(zone)
                .toInstant()); t = t.plusSeconds(60)) {
            open += v.covers(t, zone) ? 1 : 0;
        }
        return open;
    }

    /**
     * Daily hours are local wall-clock hours: on a spring-forward day the skipped hour never opens
     * (a code around it opens an hour less; a 1-hour code on it not at all, and its first moment is
     * the next day's: {@code from()} named the skipped day's), and on a fall-back day the repeated
     * hour opens twice; in Europe/Berlin and America/New_York.
     */
    @Test
    void dailyHoursAreLocalHoursAcrossDaylightSavingChanges() {
        record Change(ZoneId zone, LocalDate spring, int skipped, LocalDate fall, int repeated) {
        }
        for (Change c : List.of(new Change(BERLIN, LocalDate.parse("2026-03-29"), 2, LocalDate.parse("2026-10-25"), 2),
                new Change(NEW_YORK, LocalDate.parse("2026-03-08"), 2, LocalDate.parse("2026-11-01"), 1))) {
            ZoneId zone = c.zone();
            OfflineIssuingKey key = key(zone);
            OfflineCodeChecker checker = checker(zone);
            Instant from = c.spring().minusDays(1).atStartOfDay(zone).toInstant();
            Instant until = c.spring().plusDays(2).atStartOfDay(zone).toInstant();
            try (IssuedOfflineCode around = key.issueDaily(from, until, LocalTime.of(c.skipped() - 1, 0),
                    LocalTime.of(c.skipped() + 2, 0), 0);
                    IssuedOfflineCode on = key.issueDaily(from, until, LocalTime.of(c.skipped(), 0),
                            LocalTime.of(c.skipped() + 1, 0), 0)) {
                assertEquals(c.spring().minusDays(1).toEpochDay(), around.validity().start(), zone + " " + around);
                assertEquals(3, around.validity().end() - around.validity().start(), zone + " " + around);
                assertEquals(120, minutesOpen(checker, around, c.spring(), zone), zone + ": an hour less");
                assertEquals(0, minutesOpen(checker, on, c.spring(), zone), zone + ": the skipped hour never");
                assertEquals(180, minutesCovered(around.validity(), c.spring().minusDays(1), zone));
                assertEquals(60, minutesCovered(on.validity(), c.spring().plusDays(1), zone));
            }
            OfflineValidity onlyFromTheSkippedDay = OfflineValidity.daily(c.spring(), c.spring().plusDays(1), c.skipped(),
                    1, 1);
            assertEquals(LocalDateTime.of(c.spring().plusDays(1), LocalTime.of(c.skipped(), 0)).atZone(zone).toInstant(),
                    onlyFromTheSkippedDay.from(zone), zone + ": it first opens the day after the skipped hour");
            OfflineValidity lastOnTheSkippedDay = OfflineValidity.daily(c.spring().minusDays(1), c.spring(), c.skipped(),
                    1, 1);
            assertEquals(LocalDateTime.of(c.spring().minusDays(1), LocalTime.of(c.skipped() + 1, 0)).atZone(zone)
                    .toInstant(), lastOnTheSkippedDay.until(zone), zone + ": it last opens the day before");
            from = c.fall().minusDays(1).atStartOfDay(zone).toInstant();
            until = c.fall().plusDays(2).atStartOfDay(zone).toInstant();
            try (IssuedOfflineCode on = key.issueDaily(from, until, LocalTime.of(c.repeated(), 0),
                    LocalTime.of(c.repeated() + 1, 0), 1);
                    IssuedOfflineCode around = key.issueDaily(from, until, LocalTime.of(c.repeated() - 1, 0),
                            LocalTime.of(c.repeated() + 2, 0), 1)) {
                assertEquals(120, minutesOpen(checker, on, c.fall(), zone), zone + ": the repeated hour twice");
                assertEquals(240, minutesOpen(checker, around, c.fall(), zone), zone + ": an hour more");
                assertEquals(60, minutesCovered(on.validity(), c.fall().minusDays(1), zone));
                ZonedDateTime repeated = LocalDateTime.of(c.fall(), LocalTime.of(c.repeated(), 0)).atZone(zone);
                Instant firstTime = repeated.withEarlierOffsetAtOverlap().toInstant();
                Instant secondTime = repeated.withLaterOffsetAtOverlap().toInstant();
                assertEquals(Duration.ofHours(1), Duration.between(firstTime, secondTime), zone + ": the hour repeats");
                assertEquals(on.codeId(), idAt(checker, on.pin(), firstTime));
                assertEquals(on.codeId(), idAt(checker, on.pin(), secondTime.plus(Duration.ofMinutes(59))));
                assertNull(idAt(checker, on.pin(), secondTime.plus(Duration.ofHours(1))));
            }
        }
    }

    /** A plain window is whole UTC hours: across a daylight-saving change it keeps its length, in any zone. */
    @Test
    void aPlainWindowAcrossADaylightSavingChangeKeepsItsUtcLength() {
        for (ZoneId zone : List.of(BERLIN, NEW_YORK)) {
            for (ZoneOffsetTransition change : List.of(zone.getRules().nextTransition(at("2026-01-01T00:00:00Z")),
                    zone.getRules().nextTransition(at("2026-07-01T00:00:00Z")))) {
                Instant from = change.getInstant().minus(Duration.ofHours(5));
                Instant until = change.getInstant().plus(Duration.ofHours(7));
                try (IssuedOfflineCode code = key(zone).issuePlain(from, until, false, 1)) {
                    assertEquals(from, code.from(), zone + " " + change);
                    assertEquals(until, code.until(), zone + " " + change);
                    assertEquals(Duration.ofHours(12), Duration.between(code.from(), code.until()));
                    for (ZoneId lockZone : List.of(zone, UTC)) {
                        OfflineCodeChecker checker = checker(lockZone);
                        for (Instant t : List.of(from, change.getInstant().minusSeconds(1), change.getInstant(),
                                until.minusSeconds(1))) {
                            assertEquals(code.codeId(), idAt(checker, code.pin(), t), lockZone + " at " + t);
                        }
                        assertNull(idAt(checker, code.pin(), from.minusSeconds(1)));
                        assertNull(idAt(checker, code.pin(), until));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- issued codes open throughout

    @Test
    void everyIssuedPlainCodeIsIssuableInsideItsRequestAndOpensThroughoutItsWindow() {
        OfflineIssuingKey key = key(BERLIN);
        OfflineCodeChecker checker = checker(BERLIN);
        long first = at("2026-01-01T00:00:00Z").getEpochSecond();
        qt().withFixedSeed(20260603L).withExamples(60)
                .forAll(longs().between(first, first + 2 * 366 * 86400L), longs().between(7200, 366 * 86400L),
                        booleans().all(), integers().between(0, 3))
                .checkAssert((fromSecond, seconds, oneTime, variant) -> {
                    Instant from = Instant.ofEpochSecond(fromSecond);
                    Instant until = from.plusSeconds(seconds);
                    try (IssuedOfflineCode code = key.issuePlain(from, until, oneTime, variant)) {
                        OfflineValidity v = code.validity();
                        v.requireIssuable();
                        assertEquals(oneTime, v.oneTime());
                        assertEquals(variant, v.variant());
                        assertFalse(code.from().isBefore(from), v + " inside " + from + " to " + until);
                        assertFalse(code.until().isAfter(until), v + " inside " + from + " to " + until);
                        SplittableRandom random = new SplittableRandom(fromSecond);
                        for (int i = 0; i < 12; i++) {
                            Instant t = hour(v.start() + random.nextLong(v.end() - v.start()))
                                    .plusSeconds(random.nextInt(3600));
                            assertTrue(covering(t, BERLIN).contains(v), v + " is checked at " + t);
                        }
                        assertEquals(code.codeId(), idAt(checker, code.pin(), code.from()));
                        assertEquals(code.codeId(), idAt(checker, code.pin(), code.until().minusSeconds(1)));
                    }
                });
    }

    @Test
    void everyIssuedDailyCodeIsIssuableInsideItsRequestAndOpensOnItsDays() {
        List<ZoneId> zones = List.of(BERLIN, NEW_YORK, ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"),
                ZoneId.of("Australia/Lord_Howe"));
        long first = at("2026-01-01T00:00:00Z").getEpochSecond();
        qt().withFixedSeed(20260604L).withExamples(40)
                .forAll(longs().between(first, first + 2 * 366 * 86400L), longs().between(8 * 86400L, 366 * 86400L),
                        integers().between(0, 22), integers().between(0, 1000))
                .checkAssert((fromSecond, seconds, a, choice) -> {
                    ZoneId zone = zones.get(choice % zones.size());
                    int b = Math.min(24, a + 1 + choice % 13);
                    Instant from = Instant.ofEpochSecond(fromSecond);
                    Instant until = from.plusSeconds(seconds);
                    try (IssuedOfflineCode code = key(zone).issueDaily(from, until, LocalTime.of(a, 0),
                            b == 24 ? LocalTime.MAX : LocalTime.of(b, 0), choice % 2)) {
                        OfflineValidity v = code.validity();
                        v.requireIssuable();
                        String what = v + " in " + zone + " for " + from + " to " + until;
                        assertEquals(a, v.dailyStartHour(), what);
                        assertTrue(v.dailyHours() <= b - a, what);
                        assertFalse(code.from().isBefore(from), what);
                        assertFalse(code.until().isAfter(until), what);
                        SplittableRandom random = new SplittableRandom(fromSecond);
                        for (int i = 0; i < 12; i++) {
                            LocalDate day = LocalDate.ofEpochDay(v.start() + random.nextLong(v.end() - v.start()));
                            Instant t = day.atTime(v.dailyStartHour() + random.nextInt(v.dailyHours()),
                                    random.nextInt(60)).atZone(zone).toInstant();
                            if (v.covers(t, zone)) {
                                assertTrue(covering(t, zone).contains(v), what + " is checked at " + t);
                            }
                        }
                        OfflineCodeChecker checker = checker(zone);
                        assertEquals(code.codeId(), idAt(checker, code.pin(), code.from()), what);
                        assertEquals(code.codeId(), idAt(checker, code.pin(), code.until().minusSeconds(1)), what);
                    }
                });
    }

    // ---------------------------------------------------------------- what does not open

    /**
     * A code opens under no other lock, epoch, generation or PIN length: the other keys give other
     * PINs for the same validity, and this PIN, entered there, opens nothing or only another code.
     */
    @Test
    void aPinOpensNeitherUnderAnotherLockEpochGenerationNorLength() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        int epoch = ring.createEpoch("front-door");
        int otherLocksEpoch = ring.createEpoch("back-door");
        int laterEpoch = ring.createEpoch("front-door");
        OfflineIssuingKey ours = ring.offlineIssuingKey("front-door", epoch, 1, 10, BERLIN);
        OfflineCodeChecker ourChecker = ring.offlineCodeChecker("front-door", epoch, 1, 10, BERLIN);
        List<OfflineIssuingKey> others = List.of(ring.offlineIssuingKey("back-door", otherLocksEpoch, 1, 10, BERLIN),
                ring.offlineIssuingKey("front-door", laterEpoch, 1, 10, BERLIN),
                ring.offlineIssuingKey("front-door", epoch, 2, 10, BERLIN));
        List<OfflineCodeChecker> otherCheckers = List.of(
                ring.offlineCodeChecker("back-door", otherLocksEpoch, 1, 10, BERLIN),
                ring.offlineCodeChecker("front-door", laterEpoch, 1, 10, BERLIN),
                ring.offlineCodeChecker("front-door", epoch, 2, 10, BERLIN));
        OfflineIssuingKey twelve = ring.offlineIssuingKey("front-door", epoch, 1, 12, BERLIN);
        List<OfflineValidity> validities = List.of(
                OfflineCodes.fitPlain(at("2026-06-01T10:00:00Z"), at("2026-06-01T11:00:00Z"), false, 0),
                OfflineCodes.fitPlain(at("2026-06-01T10:00:00Z"), at("2026-06-01T11:00:00Z"), true, 3),
                OfflineCodes.fitPlain(at("2026-06-01T00:00:00Z"), at("2026-07-01T00:00:00Z"), false, 1),
                OfflineValidity.daily(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-14"), 8, 10, 0));
        for (OfflineValidity v : validities) {
            try (IssuedOfflineCode code = ours.derive(v)) {
                String pin = new String(code.pin());
                Instant t = code.from();
                assertEquals(code.codeId(), idAt(ourChecker, code.pin(), t));
                for (int i = 0; i < others.size(); i++) {
                    try (IssuedOfflineCode theirs = others.get(i).derive(v)) {
                        assertNotEquals(pin, new String(theirs.pin()), others.get(i) + " gives another PIN");
                        assertNotEquals(code.codeId(), theirs.codeId());
                    }
                    assertNotEquals(code.codeId(), idAt(otherCheckers.get(i), code.pin(), t), otherCheckers.get(i)
                            + " does not take it as this code");
                }
                try (IssuedOfflineCode longer = twelve.derive(v)) {
                    String twelveDigits = new String(longer.pin());
                    assertNotEquals(pin, twelveDigits.substring(2), "the length is in the message");
                    assertNotEquals(code.codeId(), idAt(ourChecker, twelveDigits.substring(2).toCharArray(), t));
                    assertNotEquals(code.codeId(), idAt(ourChecker, twelveDigits.substring(0, 10).toCharArray(), t));
                    PinRejectedException e = assertThrows(PinRejectedException.class,
                            () -> idAt(ourChecker, longer.pin(), t));
                    assertEquals(PinRule.TOO_LONG, e.rule());
                }
            }
        }
    }

    /** Each of the 90 single-digit changes of a valid PIN is not that code (by chance another, with another id). */
    @Test
    void noSingleDigitChangeOfAValidPinIsTheSameCode() {
        OfflineCodeChecker checker = checker(BERLIN);
        int tried = 0;
        int openedAnother = 0;
        for (OfflineValidity v : List.of(
                OfflineCodes.fitPlain(at("2026-06-01T10:00:00Z"), at("2026-06-01T11:00:00Z"), false, 0),
                OfflineCodes.fitPlain(at("2026-06-01T00:00:00Z"), at("2026-06-03T00:00:00Z"), true, 2),
                OfflineValidity.daily(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-01"), 10, 4, 1))) {
            try (IssuedOfflineCode code = key(BERLIN).derive(v)) {
                Instant t = code.from().plusSeconds(1800);
                assertEquals(code.codeId(), idAt(checker, code.pin(), t));
                char[] pin = code.pin();
                for (int position = 0; position < pin.length; position++) {
                    for (char digit = '0'; digit <= '9'; digit++) {
                        if (digit == code.pin()[position]) {
                            continue;
                        }
                        char[] changed = code.pin();
                        changed[position] = digit;
                        String id = idAt(checker, changed, t);
                        assertNotEquals(code.codeId(), id, "digit " + position + " changed");
                        openedAnother += id == null ? 0 : 1;
                        tried++;
                    }
                }
            }
        }
        assertEquals(3 * 90, tried);
        assertTrue(openedAnother <= 1, "a changed PIN opens another code with chance 9.24e-7, got " + openedAnother);
    }

    @Test
    void variantsAndTheOneTimeFlagGiveDifferentCodesThatEachOpenAsThemselves() {
        OfflineIssuingKey key = key(BERLIN);
        OfflineCodeChecker checker = checker(BERLIN);
        Set<String> pins = new HashSet<>();
        Set<String> ids = new HashSet<>();
        Instant from = at("2026-06-01T10:00:00Z");
        for (boolean oneTime : new boolean[] {false, true}) {
            for (int variant = 0; variant < OfflineCodes.variants(false); variant++) {
                try (IssuedOfflineCode code = key.issuePlain(from, from.plusSeconds(3600), oneTime, variant)) {
                    pins.add(new String(code.pin()));
                    ids.add(code.codeId());
                    OfflineCodeMatch match;
                    try (PinCode pin = PinCode.of(code.pin(), PinPolicy.defaults().withLengths(10, 10))) {
                        match = checker.check(pin, from).orElseThrow();
                    }
                    assertEquals(code.validity(), match.validity());
                    assertEquals(oneTime, match.validity().oneTime());
                    assertEquals(variant, match.validity().variant());
                }
            }
        }
        assertEquals(8, pins.size(), "4 variants x 2 flags, 8 PINs");
        assertEquals(8, ids.size());
        Set<String> daily = new HashSet<>();
        for (int variant = 0; variant < OfflineCodes.variants(true); variant++) {
            try (IssuedOfflineCode code = key.issue(OfflineValidity.daily(LocalDate.parse("2026-06-01"),
                    LocalDate.parse("2026-06-01"), 9, 8, variant))) {
                daily.add(new String(code.pin()));
            }
        }
        assertEquals(2, daily.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfflineCodes.fitPlain(from, from.plusSeconds(3600), false, 4));
        assertTrue(messageOf(e).contains("0 to 3") && messageOf(e).contains("4"), messageOf(e));
        e = assertThrows(IllegalArgumentException.class, () -> OfflineValidity.daily(LocalDate.parse("2026-06-01"),
                LocalDate.parse("2026-06-01"), 9, 8, 2).requireIssuable());
        assertTrue(messageOf(e).contains("0 to 1") && messageOf(e).contains("2"), messageOf(e));
    }

    @Test
    void identifyFindsACodeThatOpensLaterAndNotBeforeIt() {
        OfflineCodeChecker checker = checker(BERLIN);
        Instant now = at("2026-06-01T09:00:00Z");
        try (IssuedOfflineCode code = key(BERLIN).issuePlain(at("2026-06-08T10:00:00Z"), at("2026-06-08T22:00:00Z"),
                true, 2); PinCode pin = PinCode.of(code.pin(), PinPolicy.defaults().withLengths(10, 10))) {
            assertTrue(checker.check(pin, now).isEmpty(), "not open yet");
            List<OfflineCodeMatch> found = checker.identify(pin, now, now.plus(Duration.ofDays(30)));
            assertTrue(found.contains(new OfflineCodeMatch(code.validity(), code.codeId())), found.toString());
            assertTrue(checker.identify(pin, now, now.plus(Duration.ofDays(6))).stream()
                    .noneMatch(m -> m.codeId().equals(code.codeId())), "a week before it opens, it is not found");
        }
        try (IssuedOfflineCode code = key(BERLIN).issue(OfflineValidity.daily(LocalDate.parse("2026-06-15"),
                LocalDate.parse("2026-06-28"), 7, 12, 1));
                PinCode pin = PinCode.of(code.pin(), PinPolicy.defaults().withLengths(10, 10))) {
            assertTrue(checker.identify(pin, now, now.plus(Duration.ofDays(30)))
                    .contains(new OfflineCodeMatch(code.validity(), code.codeId())));
        }
    }

    /** A code whose window ended exactly when the range starts never opened in it: identify does not name it. */
    @Test
    void identifyDoesNotNameACodeWhoseWindowEndsWhereTheRangeStarts() {
        OfflineCodeChecker checker = checker(BERLIN);
        try (IssuedOfflineCode code = key(BERLIN).issuePlain(at("2026-06-08T10:00:00Z"), at("2026-06-08T22:00:00Z"),
                false, 1); PinCode pin = PinCode.of(code.pin(), PinPolicy.defaults().withLengths(10, 10))) {
            OfflineCodeMatch match = new OfflineCodeMatch(code.validity(), code.codeId());
            assertTrue(checker.identify(pin, at("2026-06-08T21:59:59Z"), at("2026-06-08T23:00:00Z")).contains(match));
            assertFalse(checker.identify(pin, at("2026-06-08T22:00:00Z"), at("2026-06-08T23:00:00Z")).contains(match));
        }
    }

    /**
     * The fitting takes the last tier that fits as the longest window: that holds because every
     * tier's shortest window is longer than the tier before it's longest (and the tiers are the
     * specification's).
     */
    @Test
    void eachTiersShortestWindowIsLongerThanThePreviousTiersLongest() {
        assertTrue(java.util.Arrays.deepEquals(PLAIN_TIERS, OfflineCodes.PLAIN_TIERS));
        assertTrue(java.util.Arrays.deepEquals(DAY_TIERS, OfflineCodes.DAY_TIERS));
        for (int[][] tiers : new int[][][] {OfflineCodes.PLAIN_TIERS, OfflineCodes.DAY_TIERS}) {
            for (int t = 1; t < tiers.length; t++) {
                assertTrue(tiers[t][0] * tiers[t][1] > tiers[t - 1][0] * tiers[t - 1][2], "tier " + t);
            }
        }
    }

    /**
     * Two covering validities can share a PIN; the first in the enumeration order wins. Under this
     * key (found by search) a plain window and a daily code share 4242539344 at 2026-06-01T11:30Z:
     * the lock takes it for the plain window there, and for the daily code once the window is over.
     * So an issuer refuses both (docs/offline-codes.md §9): neither is handed out.
     */
    @Test
    void whenTwoCodesShareAPinTheFirstInTheEnumerationOrderWins_soNeitherIsIssued() {
        byte[] keyBytes = TestBytes.unhex("0196000000000000000000000000000000000000000000000000000000000000");
        OfflineIssuingKey key = new OfflineIssuingKey("front-door", 1, 1, 10, UTC, keyBytes);
        OfflineCodeChecker checker = new OfflineCodeChecker("front-door", keyBytes, 10, UTC);
        OfflineValidity plain = new OfflineValidity(Kind.PLAIN, 494464, 494624, false, 0, 0, 2);
        OfflineValidity daily = new OfflineValidity(Kind.DAILY, 20598, 20640, false, 9, 12, 0);
        OfflineTagger tagger = new OfflineTagger(OfflineTagger.pads(keyBytes));
        tagger.tag(plain, 10);
        long plainPin = tagger.pinValue(10);
        String plainId = OfflineCodes.codeId(tagger.idValue());
        tagger.tag(daily, 10);
        assertEquals(4242539344L, plainPin);
        assertEquals(4242539344L, tagger.pinValue(10));
        String dailyId = OfflineCodes.codeId(tagger.idValue());
        assertNotEquals(plainId, dailyId);
        char[] shared = "4242539344".toCharArray();
        Instant both = at("2026-06-01T11:30:00Z");
        List<OfflineValidity> order = covering(both, UTC);
        assertTrue(order.indexOf(plain) >= 0 && order.indexOf(plain) < order.indexOf(daily));
        assertEquals(plainId, idAt(checker, shared, both));
        Instant dailyOnly = at("2026-06-10T12:00:00Z");
        assertFalse(plain.covers(dailyOnly, UTC));
        assertEquals(dailyId, idAt(checker, shared, dailyOnly));
        try (PinCode pin = PinCode.of(shared, PinPolicy.defaults().withLengths(10, 10))) {
            List<OfflineCodeMatch> found = checker.identify(pin, both, both.plusSeconds(3600));
            assertTrue(found.contains(new OfflineCodeMatch(plain, plainId)), found.toString());
            assertTrue(found.contains(new OfflineCodeMatch(daily, dailyId)), found.toString());
        }
        OfflineCodeCollisionException refused = assertThrows(OfflineCodeCollisionException.class,
                () -> key.issue(plain));
        assertEquals(2, refused.variant());
        assertFalse(refused.getMessage().contains("4242539344"));
        assertThrows(OfflineCodeCollisionException.class, () -> key.issue(daily));
        try (IssuedOfflineCode next = key.issue(new OfflineValidity(Kind.PLAIN, 494464, 494624, false, 0, 0, 3))) {
            assertNotEquals("4242539344", new String(next.pin()), "the next variant is issued");
        }
    }

    // ---------------------------------------------------------------- the enumeration and its bound

    /** The order of {@code docs/offline-codes.md} section 6, written out from the page. */
    private static List<OfflineValidity> specificationOrder(Instant t, ZoneId zone) {
        List<OfflineValidity> out = new ArrayList<>();
        long h = Math.floorDiv(t.getEpochSecond(), 3600);
        for (int[] tier : PLAIN_TIERS) {
            long g = tier[0];
            long cell = Math.floorDiv(h, g) * g;
            for (int units = tier[1]; units <= tier[2]; units++) {
                for (int back = units - 1; back >= 0; back--) {
                    long start = cell - back * g;
                    for (int once = 0; start >= 0 && once <= 1; once++) {
                        for (int variant = 0; variant <= 3; variant++) {
                            out.add(new OfflineValidity(Kind.PLAIN, start, start + units * g, once == 1, 0, 0,
                                    variant));
                        }
                    }
                }
            }
        }
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        long d = local.toLocalDate().toEpochDay();
        int hourOfDay = local.getHour();
        for (int[] tier : DAY_TIERS) {
            long g = tier[0];
            long cell = 4 + Math.floorDiv(d - 4, g) * g;
            for (int units = tier[1]; units <= tier[2]; units++) {
                for (int back = units - 1; back >= 0; back--) {
                    long start = cell - back * g;
                    for (int n : DAILY_LENGTHS) {
                        for (int a = Math.max(0, hourOfDay - n + 1); start >= 0 && a <= Math.min(hourOfDay, 24 - n); a++) {
                            for (int variant = 0; variant <= 1; variant++) {
                                out.add(new OfflineValidity(Kind.DAILY, start, start + units * g, false, a, n, variant));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** How many daily ranges of the allowed lengths contain local hour {@code h} (section 7). */
    private static int dailyRangesContaining(int h) {
        int c = 0;
        for (int n : DAILY_LENGTHS) {
            c += Math.max(0, Math.min(h, 24 - n) - Math.max(0, h - n + 1) + 1);
        }
        return c;
    }

    /** Instants every 15 minutes from 26 hours before to 26 hours after each 2026 transition of {@code zone}, or over 3 days. */
    private static List<Instant> denseSample(ZoneId zone) {
        List<Instant> centres = new ArrayList<>();
        Instant t = at("2026-01-01T00:00:00Z");
        for (ZoneOffsetTransition tr = zone.getRules().nextTransition(t); tr != null
                && tr.getInstant().isBefore(at("2027-01-01T00:00:00Z")); tr = zone.getRules().nextTransition(
                        tr.getInstant())) {
            centres.add(tr.getInstant());
        }
        if (centres.isEmpty()) {
            centres.add(at("2026-06-01T12:00:00Z"));
        }
        List<Instant> out = new ArrayList<>();
        for (Instant c : centres) {
            for (Instant s = c.minus(Duration.ofHours(26)); s.isBefore(c.plus(Duration.ofHours(26))); s = s.plusSeconds(900)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * MAX_COVERING is the exact maximum: over a dense sample of instants in zones with
     * daylight-saving changes (whole-hour and, at Lord Howe, half-hour ones) and with +05:30 and
     * +05:45 offsets, the count at each instant is the section 7 formula for its local hour
     * (3,168 plain, 132 per daily range), never more than MAX_COVERING, and MAX_COVERING is reached.
     * At every 16th instant the enumeration is also the specification's order, holds no duplicate,
     * and is exactly the issuable validities covering the instant, found by brute force.
     */
    @Test
    void maxCoveringIsTheMostValiditiesThatEverCoverOneMoment() {
        assertEquals(9240, OfflineCodes.MAX_COVERING);
        assertEquals(9.24e-7, OfflineCodes.guessingBound(10), 1e-20);
        int max = 0;
        int samples = 0;
        for (String zoneId : List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu",
                "Australia/Lord_Howe", "Pacific/Chatham")) {
            ZoneId zone = ZoneId.of(zoneId);
            List<Instant> sample = denseSample(zone);
            for (int i = 0; i < sample.size(); i++) {
                Instant t = sample.get(i);
                List<OfflineValidity> list = covering(t, zone);
                int h = LocalDateTime.ofInstant(t, zone).getHour();
                assertEquals(3168 + 132 * dailyRangesContaining(h), list.size(), zoneId + " at " + t);
                assertTrue(list.size() <= OfflineCodes.MAX_COVERING);
                max = Math.max(max, list.size());
                samples++;
                if (i % 16 == 0) {
                    assertEquals(specificationOrder(t, zone), list, zoneId + " at " + t);
                    Set<OfflineValidity> distinct = new HashSet<>(list);
                    assertEquals(list.size(), distinct.size(), "no duplicate at " + t);
                    Set<OfflineValidity> brute = new HashSet<>();
                    for (OfflineValidity v : OfflineCodes.intersecting(t, t.plusSeconds(1), zone)) {
                        if (v.covers(t, zone)) {
                            v.requireIssuable();
                            brute.add(v);
                        }
                    }
                    assertEquals(brute, distinct, zoneId + " at " + t);
                }
            }
        }
        assertTrue(samples > 2000, "a dense sample: " + samples);
        assertEquals(OfflineCodes.MAX_COVERING, max);
    }

    /**
     * A lock whose clock fell back to 1970 (a flat clock battery) finds only the codes that can
     * exist then, none before hour or day 0, instead of failing on every entry (it threw).
     */
    @Test
    void aClockFallenBackTo1970FindsOnlyCodesThatCanExist() {
        OfflineIssuingKey key = RING.offlineIssuingKey("front-door", EPOCH, 1, 10, UTC);
        OfflineCodeChecker checker = RING.offlineCodeChecker("front-door", EPOCH, 1, 10, UTC);
        Instant firstHalfHour = Instant.parse("1970-01-01T00:30:00Z");
        try (IssuedOfflineCode code = key.issuePlain(Instant.EPOCH, Instant.parse("1970-01-01T01:00:00Z"), false, 0)) {
            assertEquals(code.codeId(), idAt(checker, code.pin(), firstHalfHour));
            assertNull(idAt(checker, code.pin(), Instant.parse("1969-12-31T23:59:59Z")));
            assertNull(idAt(checker, code.pin(), Instant.parse("1970-06-01T12:30:00Z")));
        }
        for (String t : List.of("1969-12-31T23:30:00Z", "1970-01-01T00:30:00Z", "1970-01-04T12:00:00Z",
                "1970-06-01T12:30:00Z")) {
            Instant at = Instant.parse(t);
            List<OfflineValidity> list = covering(at, UTC);
            assertEquals(specificationOrder(at, UTC), list, t);
            for (OfflineValidity v : list) {
                v.requireIssuable();
                assertTrue(v.covers(at, UTC), v + " at " + at);
            }
        }
        assertEquals(0, covering(Instant.parse("1969-12-31T23:30:00Z"), UTC).size());
        // In hour 0 only windows starting at hour 0: per plain tier one per length (12, 9, 9, 9, 9, 5),
        // 8 codes each; day 0 is on the 1-day grid only (7 lengths), with the 8 daily ranges that
        // start at 00:00, 2 variants each.
        assertEquals((12 + 9 * 4 + 5) * 8 + 7 * 8 * 2, covering(firstHalfHour, UTC).size());
    }
}
