package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The issuing key in an issuer's hands: the owner's key file, sealing to a backend, and the key ring's side. */
class OfflineIssuingKeyTest {

    /**
     * destroyEpoch racing with offlineCodeChecker leaves no checker of the destroyed epoch cached
     * (it did: the checker was derived under the ring's lock but cached after it, so a destroy in
     * between was undone; about one race in four here).
     */
    @Test
    void aCheckerDerivedWhileItsEpochIsDestroyedIsNotKept() throws Exception {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        List<ZoneId> zones = new ArrayList<>();
        for (int h = -12; h <= 14; h++) {
            zones.add(ZoneOffset.ofHours(h));
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            int kept = 0;
            for (int i = 0; i < 100; i++) {
                int epoch = ring.createEpoch("front-door");
                CountDownLatch deriving = new CountDownLatch(1);
                Future<?> deriver = pool.submit(() -> {
                    try {
                        for (int round = 0;; round++) {
                            for (ZoneId zone : zones) {
                                ring.offlineCodeChecker("front-door", epoch, 1, 10 + round % 7, zone);
                                deriving.countDown();
                            }
                        }
                    } catch (KeyUnavailableException destroyed) {
                        return null;
                    }
                });
                deriving.await();
                ring.destroyEpoch("front-door", epoch);
                deriver.get();
                for (int digits = 10; digits <= 16; digits++) {
                    for (ZoneId zone : zones) {
                        try {
                            ring.offlineCodeChecker("front-door", epoch, 1, digits, zone);
                            kept++;
                        } catch (KeyUnavailableException expected) {
                            // the destroyed epoch's checker is gone
                        }
                    }
                }
            }
            assertEquals(0, kept, "checkers of destroyed epochs still served");
        } finally {
            pool.shutdownNow();
        }
        assertThrows(KeyUnavailableException.class, () -> ring.offlineIssuingKey("front-door", 1, 1, 10,
                ZoneOffset.UTC));
    }
}
