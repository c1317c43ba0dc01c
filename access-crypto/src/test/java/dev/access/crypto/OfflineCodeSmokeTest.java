package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An issued offline code opens inside its window and nowhere else, as the lock checks it. */
class OfflineCodeSmokeTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @Test
    void anIssuedCodeOpensInsideItsWindowOnly() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        int epoch = ring.createEpoch("front-door");
        OfflineIssuingKey key = ring.offlineIssuingKey("front-door", epoch, 1, 10, ZONE);
        OfflineCodeChecker checker = ring.offlineCodeChecker("front-door", epoch, 1, 10, ZONE);
        Instant from = Instant.parse("2026-12-10T14:20:00Z");
        Instant until = Instant.parse("2026-12-13T10:00:00Z");
        try (IssuedOfflineCode code = key.issuePlain(from, until, false, 0)) {
            assertFalse(code.from().isBefore(from));
            assertFalse(code.until().isAfter(until));
            PinPolicy offline = PinPolicy.defaults().withLengths(10, 10);
            try (PinCode pin = PinCode.of(code.pin(), offline)) {
                assertTrue(checker.check(pin, code.from()).isPresent());
                assertEquals(code.codeId(), checker.check(pin, code.until().minusSeconds(1)).orElseThrow().codeId());
                assertFalse(checker.check(pin, code.until()).isPresent());
                assertFalse(checker.check(pin, code.from().minusSeconds(1)).isPresent());
                assertEquals(1, checker.identify(pin, from.minusSeconds(86400), until.plusSeconds(86400)).size());
            }
        }
    }

    @Test
    void noMomentHasMoreCoveringCodesThanTheBound() {
        assertEquals(9240, OfflineCodes.MAX_COVERING);
        int max = 0;
        for (long h = 0; h < 24 * 40; h += 1) {
            AtomicInteger n = new AtomicInteger();
            OfflineCodes.forEachCovering(Instant.parse("2026-03-20T00:30:00Z").plusSeconds(h * 3600), ZONE,
                    v -> n.incrementAndGet());
            max = Math.max(max, n.get());
        }
        assertEquals(OfflineCodes.MAX_COVERING, max);
    }
}
