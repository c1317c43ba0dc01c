package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.InMemoryKeyRing;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segment from sequence N is the tail of the whole export, byte for byte, from any trail source. */
class TrailSegmentTest {
    private static final LockId L = LockId.of("segment-lock");

    @TempDir
    Path dir;

    private static String segment(dev.access.core.trail.TrailSource source, long from) {
        StringWriter w = new StringWriter();
        TrailExport.write(source, L, w, from);
        return w.toString();
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    @Test
    void aSegmentFromN_isTheTailOfTheWholeExport_fromTheStoreAndFromAnExportFile() throws Exception {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-01T09:00:00Z"));
        try (LockStore store = LockStore.sqlite(dir.resolve("data"));
                AccessControl access = AccessControl.builder().store(store).clock(clock)
                        .keyRing(FileKeyRing.open(dir.resolve("data").resolve("keys"))).checkpointEvery(7).build()) {
            access.commission(LockSetup.of(L), "80808080".toCharArray());
            access.addCode(L, NewCode.unrestricted(1, "alice"), "4826".toCharArray());
            access.enroll(L, InMemoryKeyRing.create().createBackendIdentity().publicKey());
            for (int i = 0; i < 12; i++) {
                clock.advance(Duration.ofMinutes(3));
                access.enter(L, (i % 3 == 0 ? "1111" : "4826").toCharArray(), EntrySource.KEYPAD);
            }
            access.checkpoint(L);
            String whole = segment(access, 0);
            Path file = dir.resolve("whole.jsonl");
            Files.writeString(file, whole, StandardCharsets.UTF_8);
            List<String> all = lines(whole);
            assertEquals(whole, segment(access, 0));

            for (long n : new long[] {0, 1, 5, 14, all.size() - 1, all.size(), all.size() + 10}) {
                List<String> tail = all.subList((int) Math.min(n, all.size()), all.size());
                assertEquals(tail, lines(segment(access, n)), "segment from " + n + " of the store");
                assertEquals(tail, lines(segment(ExportFile.of(file), n)), "segment from " + n + " of the export file");
                assertTrue(tail.isEmpty() || tail.get(0).contains("\"sequence\":" + n + ","), tail.toString());
            }
            assertEquals(String.join("\n", all.subList(3, all.size())) + "\n", segment(access, 3), "byte for byte");
        }
    }

    @Test
    void aNegativeStart_isRefusedNamingIt() {
        try (LockStore store = LockStore.inMemory();
                AccessControl access = AccessControl.builder().store(store).clock(new SimulatedClock(Instant.EPOCH))
                        .keyRing(InMemoryKeyRing.create()).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> segment(access, -1));
            assertTrue(e.getMessage().contains("-1"), e.getMessage());
        }
    }
}
