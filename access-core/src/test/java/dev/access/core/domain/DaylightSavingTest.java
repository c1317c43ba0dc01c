package dev.access.core.domain;

import static dev.access.core.domain.DeciderSpec.given;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.denied;
import static dev.access.core.domain.LockFixture.enter;
import static dev.access.core.domain.LockFixture.granted;
import static dev.access.core.domain.LockFixture.schedule;
import static dev.access.core.domain.LockFixture.scheduled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.access.core.domain.LockEvent.EntryDenied;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Week-day schedules follow the wall clock of the lock's zone (Europe/Berlin) across DST changes. */
class DaylightSavingTest {

    private static DeciderSpec.Given sundayCode(String from, String until) {
        return given(commissioned(), codeAdded(1, UserType.WEEK_DAY_SCHEDULE, USER_PIN,
                scheduled(schedule(EnumSet.of(DayOfWeek.SUNDAY), from, until))));
    }

    /**
     * 2026-03-29 (Sunday): 02:00 CET becomes 03:00 CEST at 01:00Z. 2026-10-25 (Sunday): 03:00 CEST
     * becomes 02:00 CET at 01:00Z. Instants are in UTC so the test does not lean on the zone rules.
     */
    @ParameterizedTest(name = "{0} ({1} local) opens: {2}")
    @CsvSource({
        "2026-03-29T06:00:00Z, 08:00 CEST, true",
        "2026-03-29T06:30:00Z, 08:30 CEST, true",
        "2026-03-29T07:59:59Z, 09:59:59 CEST, true",
        "2026-03-29T05:30:00Z, 07:30 CEST, false",
        "2026-03-29T08:30:00Z, 10:30 CEST, false",
        "2026-10-25T07:00:00Z, 08:00 CET, true",
        "2026-10-25T07:30:00Z, 08:30 CET, true",
        "2026-10-25T06:30:00Z, 07:30 CET, false",
        "2026-10-25T09:30:00Z, 10:30 CET, false"
    })
    void givenSchedule0800To1000Berlin_whenEnteredOnDstChangeDay_thenOpensOnlyByTheLocalWallClock(
            String utc, String local, boolean opens) {
        Instant t = Instant.parse(utc);
        DeciderSpec.Given g = sundayCode("08:00", "10:00");

        if (opens) {
            g.when(enter(USER_PIN, t)).then(granted(t, 1, UserType.WEEK_DAY_SCHEDULE, 1));
        } else {
            g.when(enter(USER_PIN, t)).then(denied(t, DenialReason.OUTSIDE_SCHEDULE, 1));
        }
    }

    @Test
    void givenSchedule0200To0300_whenEnteredAtAnyMinuteOfSpringForwardDay_thenNeverOpens() {
        DeciderSpec.Given g = sundayCode("02:00", "03:00");
        LockState state = g.state();
        // The local day 2026-03-29 in Berlin runs from 2026-03-28T23:00Z to 2026-03-29T22:00Z (23 hours).
        Instant start = Instant.parse("2026-03-28T23:00:00Z");
        Instant end = Instant.parse("2026-03-29T22:00:00Z");
        int attempts = 0;
        for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
            List<LockEvent> events = LockDecider.decide(enter(USER_PIN, t), state);
            assertEquals(1, events.size(), () -> "one event at " + events);
            EntryDenied d = assertInstanceOf(EntryDenied.class, events.get(0), () -> "denied at " + events);
            assertEquals(DenialReason.OUTSIDE_SCHEDULE, d.reason(), () -> "reason at " + events);
            attempts++;
        }
        assertEquals(23 * 60, attempts);
    }

    @Test
    void givenSchedule0200To0300_whenEnteredAt0230OnTheSundayBefore_thenOpens() {
        Instant t = Instant.parse("2026-03-22T01:30:00Z"); // 02:30 CET
        sundayCode("02:00", "03:00")
                .when(enter(USER_PIN, t))
                .then(granted(t, 1, UserType.WEEK_DAY_SCHEDULE, 1));
    }

    @Test
    void givenSchedule0200To0300_whenEnteredInTheRepeatedHourOfAutumnChange_thenOpensBothTimes() {
        Instant firstPass = Instant.parse("2026-10-25T00:30:00Z"); // 02:30 CEST
        Instant secondPass = Instant.parse("2026-10-25T01:30:00Z"); // 02:30 CET
        DeciderSpec.Given g = sundayCode("02:00", "03:00");

        g.when(enter(USER_PIN, firstPass)).then(granted(firstPass, 1, UserType.WEEK_DAY_SCHEDULE, 1));
        g.when(enter(USER_PIN, secondPass)).then(granted(secondPass, 1, UserType.WEEK_DAY_SCHEDULE, 1));
    }
}
