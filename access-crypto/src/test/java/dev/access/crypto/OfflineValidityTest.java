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
