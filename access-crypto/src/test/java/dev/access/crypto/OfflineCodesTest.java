package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline-code grid, the fitting of requests onto it, and what the lock's checker accepts where. */
class OfflineCodesTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final PinPolicy OFFLINE_10 = PinPolicy.defaults().withLengths(10, 10);
    private static final InMemoryKeyRing RING = InMemoryKeyRing.create();
    private static final int EPOCH = RING.createEpoch("front-door");

    private static List<OfflineValidity> covering(Instant at, ZoneId zone) {
        List<OfflineValidity> out = new ArrayList<>();
        OfflineCodes.forEachCovering(at, zone, out::add);
        return out;
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
        try (IssuedOfflineCode code = key.issuePlain(Instant.EPOCH, Instant.parse("1970-01-01T01:00:00Z"), false, 0);
                PinCode pin = PinCode.of(code.pin(), OFFLINE_10)) {
            assertEquals(code.codeId(), checker.check(pin, firstHalfHour).orElseThrow().codeId());
            assertTrue(checker.check(pin, Instant.parse("1969-12-31T23:59:59Z")).isEmpty());
            assertTrue(checker.check(pin, Instant.parse("1970-06-01T12:30:00Z")).isEmpty());
        }
        for (String t : List.of("1969-12-31T23:30:00Z", "1970-01-01T00:30:00Z", "1970-01-04T12:00:00Z",
                "1970-06-01T12:30:00Z")) {
            Instant at = Instant.parse(t);
            for (OfflineValidity v : covering(at, UTC)) {
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
