package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OfflineCodes#intersecting}: every issuable validity that opens at some moment of
 * {@code [from, until)}; a plain one only if it does (none that ends at {@code from} or starts at
 * {@code until}), a daily one only if one of its days is a day of the range (what revoking or
 * diagnosing a typed PIN searches: one too few misses the code).
 */
class OfflineIntersectingTest {

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Berlin"})
    void intersecting_findsEveryValidityCoveringAnHourOfTheRange_andPlainOnesOnlyThen(String zoneId) {
        checkRange(Instant.parse("2026-07-14T22:00:00Z"), ZoneId.of(zoneId), 3168);
    }

    /**
     * At the first hour a validity can start (the epoch): the ones starting there are found too
     * (the search skips only negative starts, which no validity has).
     */
    @org.junit.jupiter.api.Test
    void intersecting_atTheEpoch_findsTheValiditiesStartingThere() {
        Set<OfflineValidity> found = checkRange(Instant.EPOCH, ZoneId.of("UTC"), 900);
        assertTrue(found.stream().anyMatch(v -> v.kind() == OfflineValidity.Kind.PLAIN && v.start() == 0),
                "a plain validity starting at hour 0 is among " + found.size());
    }

    private static Set<OfflineValidity> checkRange(Instant from, ZoneId zone, int fewestCovering) {
        Instant until = from.plusSeconds(3 * 3600);
        List<Instant> hours = List.of(from, from.plusSeconds(3600), from.plusSeconds(7200));

        Set<OfflineValidity> found = new HashSet<>(OfflineCodes.intersecting(from, until, zone));
        Set<OfflineValidity> covering = new HashSet<>();
        for (Instant h : hours) {
            OfflineCodes.forEachCovering(h, zone, covering::add);
        }

        long firstDay = java.time.LocalDateTime.ofInstant(from, zone).toLocalDate().toEpochDay();
        long lastDay = java.time.LocalDateTime.ofInstant(until.minusNanos(1), zone).toLocalDate().toEpochDay();
        for (OfflineValidity v : found) {
            if (v.kind() == OfflineValidity.Kind.PLAIN) {
                assertTrue(hours.stream().anyMatch(h -> v.covers(h, zone)), v + " opens at no moment of [" + from + ", "
                        + until + ")");
            } else {
                // Daily validities are found by their days (every hour range of them; callers check the hour).
                assertTrue(v.start() <= lastDay && v.end() > firstDay, v + " has no day of the range");
            }
        }
        Set<OfflineValidity> missed = new HashSet<>(covering);
        missed.removeAll(found);
        assertEquals(Set.of(), missed, "validities covering an hour of the range that were not found");
        assertTrue(covering.size() > fewestCovering, "a full set was compared: " + covering.size());
        return found;
    }
}
