package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** {@link OfflineValidity}: a window's exact edges, plain and daily, and whole hours only. */
class OfflineValidityTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant FROM = Instant.parse("2026-07-01T08:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-07-01T11:00:00Z");

    @Test
    void aPlainWindow_opensFromItsFirstInstant_untilJustBeforeItsEnd() {
        OfflineValidity v = OfflineValidity.plain(FROM, UNTIL, false, 0);

        assertEquals(FROM, v.from(BERLIN));
        assertEquals(UNTIL, v.until(BERLIN));
        assertTrue(v.covers(FROM, BERLIN));
        assertTrue(v.covers(UNTIL.minusNanos(1), BERLIN));
        assertFalse(v.covers(UNTIL, BERLIN));
        assertFalse(v.covers(FROM.minusNanos(1), BERLIN));
    }

    @Test
    void theFieldsRanges_areCheckedAtTheirExactEdges() {
        // hours from 0 to 2^32 - 1, an end after the start, variants 0 to 255, daily hours within one day
        assertEquals(0, new OfflineValidity(OfflineValidity.Kind.PLAIN, 0, 1, false, 0, 0, 0).start());
        assertEquals(0xFFFF_FFFFL, new OfflineValidity(OfflineValidity.Kind.PLAIN, 5, 0xFFFF_FFFFL, false, 0, 0, 255).end());
        assertThrows(IllegalArgumentException.class, () -> new OfflineValidity(OfflineValidity.Kind.PLAIN, 5, 5, false, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new OfflineValidity(OfflineValidity.Kind.PLAIN, -1, 5, false, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new OfflineValidity(OfflineValidity.Kind.PLAIN, 5, 0x1_0000_0000L, false, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new OfflineValidity(OfflineValidity.Kind.PLAIN, 5, 6, false, 0, 0, 256));
        assertThrows(IllegalArgumentException.class, () -> new OfflineValidity(OfflineValidity.Kind.PLAIN, 5, 6, false, 0, 0, -1));
        assertEquals(24, new OfflineValidity(OfflineValidity.Kind.DAILY, 5, 6, false, 20, 4, 0).dailyStartHour()
                + new OfflineValidity(OfflineValidity.Kind.DAILY, 5, 6, false, 20, 4, 0).dailyHours());
        assertThrows(IllegalArgumentException.class, () -> new OfflineValidity(OfflineValidity.Kind.DAILY, 5, 6, false, 20, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> new OfflineValidity(OfflineValidity.Kind.DAILY, 5, 6, false, 0, 0, 0));
    }

    @Test
    void aDailyWindow_coversItsLastHourOnItsLastDay_andNotTheHourAfterNorTheDayAfter() {
        ZoneId utc = ZoneId.of("UTC");
        OfflineValidity v = OfflineValidity.daily(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-02"), 9, 2, 0);
        assertTrue(v.covers(Instant.parse("2026-06-02T10:59:59Z"), utc));
        assertFalse(v.covers(Instant.parse("2026-06-02T11:00:00Z"), utc));
        assertFalse(v.covers(Instant.parse("2026-06-03T09:00:00Z"), utc));
        assertFalse(v.covers(Instant.parse("2026-06-01T08:59:59Z"), utc));
    }

    /**
     * A one-day, one-hour daily code on the hour a daylight-saving change skips never opens: its
     * first and last instants fall back to when that hour would have started and ended (03:00 CEST
     * both times, the clock jumping from 02:00 to 03:00).
     */
    @Test
    void aDailyCodeWhoseOnlyHourIsSkipped_reportsTheDaysOpeningAndClosingInstants() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        OfflineValidity v = OfflineValidity.daily(LocalDate.parse("2026-03-29"), LocalDate.parse("2026-03-29"), 2, 1, 0);
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), v.from(berlin));
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), v.until(berlin));
        assertFalse(v.covers(Instant.parse("2026-03-29T01:00:00Z"), berlin));
    }

    @Test
    void aPlainWindow_startsAndEndsOnWholeUtcHours() {
        IllegalArgumentException minute = assertThrows(IllegalArgumentException.class,
                () -> OfflineValidity.plain(FROM.plusSeconds(60), UNTIL, false, 0));
        assertTrue(minute.getMessage().contains(FROM.plusSeconds(60).toString()), minute.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OfflineValidity.plain(FROM.plusNanos(1), UNTIL, false, 0));
        assertThrows(IllegalArgumentException.class, () -> OfflineValidity.plain(FROM, UNTIL.plusSeconds(1), false, 0));
        assertThrows(IllegalArgumentException.class, () -> OfflineValidity.plain(FROM, UNTIL.minusSeconds(1800), false, 0));
    }

    @Test
    void aDailyWindow_opensAtItsStartHourOnItsFirstDay_andClosesAfterItsHoursOnItsLastDay() {
        OfflineValidity v = OfflineValidity.daily(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 3), 9, 2, 0);
        Instant firstOpening = Instant.parse("2026-07-01T07:00:00Z"); // 09:00 in Berlin (UTC+2)
        Instant lastClosing = Instant.parse("2026-07-03T09:00:00Z"); // 11:00 in Berlin

        assertEquals(firstOpening, v.from(BERLIN));
        assertEquals(lastClosing, v.until(BERLIN));
        assertTrue(v.covers(firstOpening, BERLIN));
        assertFalse(v.covers(firstOpening.minusNanos(1), BERLIN));
        assertTrue(v.covers(lastClosing.minusNanos(1), BERLIN));
        assertFalse(v.covers(lastClosing, BERLIN));
        assertFalse(v.covers(Instant.parse("2026-07-02T09:00:00Z"), BERLIN), "11:00 on a middle day");
        assertTrue(v.covers(Instant.parse("2026-07-02T08:59:59Z"), BERLIN));
    }
}
