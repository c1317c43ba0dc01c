package dev.access.core.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.PruneResult;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailExport;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.crypto.FileKeyRing;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneSmokeTest {
    @TempDir
    Path dir;

    @Test
    void prunes() {
        LockId lock = LockId.of("front");
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-04-01T10:00:00Z"));
        try (LockStore store = LockStore.sqlite(dir)) {
            AccessControl a = AccessControl.builder().store(store).clock(clock).keyRing(FileKeyRing.open(dir.resolve("keys")))
                    .build();
            a.commission(LockSetup.of(lock), "90817263".toCharArray());
            a.addCode(lock, NewCode.unrestricted(1, "alice"), "4826".toCharArray());
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofMinutes(1));
                a.enter(lock, (i % 3 == 0 ? "1111" : "4826").toCharArray(), EntrySource.KEYPAD);
            }
            Instant cut = clock.instant();
            clock.advance(Duration.ofMinutes(1));
            a.enter(lock, "4826".toCharArray(), EntrySource.KEYPAD);
            LockState before = a.state(lock);
            PruneResult r = a.pruneTrail(lock, cut);
            System.out.println(r);
            assertTrue(r.removed() > 0);
            assertEquals(before, a.state(lock));
            StringWriter w = new StringWriter();
            TrailExport.write(a, lock, w);
            System.out.println(w);
            VerificationReport v = TrailVerifier.verify(new BufferedReader(new StringReader(w.toString())),
                    l -> a.publicKey(lock));
            System.out.println(v);
            assertTrue(v.ok());
            a.close();
            AccessControl b = AccessControl.builder().store(store).clock(clock).keyRing(FileKeyRing.open(dir.resolve("keys")))
                    .cacheSize(0).build();
            assertEquals(before, b.state(lock));
            b.enter(lock, "4826".toCharArray(), EntrySource.KEYPAD);
            System.out.println(b.accessLog(lock));
            b.close();
        }
    }
}
