package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.NewCode;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.TrailPublicKey;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auditor's archive: verified before import, idempotent, all or nothing, exported byte for byte. */
class TrailArchiveTest {
    private static final LockId A = LockId.of("archive-a");
    private static final LockId B = LockId.of("archive-b");

    @TempDir
    Path dir;
    private final KeyRing keys = InMemoryKeyRing.create();
    private AuditFixture fx;
    private TrailArchive archive;
    private Function<String, TrailPublicKey> pub;

    @BeforeEach
    void open() {
        fx = new AuditFixture(5, AuditFixture.T0, keys);
        fx.randomTrail(A, 11, 20);
        fx.randomTrail(B, 12, 10);
        pub = fx.keyFor(A, B);
        archive = TrailArchive.open(dir.resolve("archive.db"));
    }

    @AfterEach
    void close() {
        archive.close();
        fx.close();
    }

    private String dump() {
        StringBuilder sb = new StringBuilder();
        for (String lock : archive.locks()) {
            StringWriter w = new StringWriter();
            archive.export(lock, w);
            sb.append("== ").append(lock).append('\n').append(w);
        }
        return sb.toString();
    }

    private TrailArchive.ImportResult importText(String text) {
        return archive.importTrail(AuditFixture.reader(text), pub);
    }

    @Test
    void importTwice_equalsImportOnce_andExportIsByteIdentical() {
        String a = fx.exportText(A);
        String both = a + fx.exportText(B);
        TrailArchive.ImportResult first = importText(both);
        long lines = both.lines().count();
        assertEquals(lines, first.added());
        assertEquals(0, first.unchanged());
        String once = dump();
        TrailArchive.ImportResult second = importText(both);
        assertEquals(0, second.added());
        assertEquals(lines, second.unchanged());
        assertEquals(once, dump());
        StringWriter w = new StringWriter();
        assertEquals(a.lines().count(), archive.export(A, w));
        assertEquals(a, w.toString());
        assertEquals(List.of(A.value(), B.value()), archive.locks());
    }

    @Test
    void aGrowingTrail_addsOnlyItsNewLines_andSurvivesReopening() throws IOException {
        List<String> lines = fx.exportLines(A);
        String head = String.join("\n", lines.subList(0, 10)) + "\n";
        int signedLines = 0;
        for (int i = 0; i < 10; i++) {
            if (lines.get(i).contains("\"type\":\"TrailCheckpointed\"")) {
                signedLines = i + 1;
            }
        }
        assertTrue(signedLines > 0 && signedLines < 10, "the head has a checkpoint and an unsigned tail");
        TrailArchive.ImportResult first = importText(head);
        assertEquals(signedLines, first.added(), "only what a signature covers is stored");
        assertEquals(10 - signedLines, first.heldBack());
        fx.access.enter(A, AuditFixture.pin(AuditFixture.PINS[0]), EntrySource.KEYPAD);
        fx.access.checkpoint(A);
        String full = fx.exportText(A);
        TrailArchive.ImportResult r = importText(full);
        assertEquals(signedLines, r.unchanged());
        assertEquals(full.lines().count() - signedLines, r.added());
        assertEquals(0, r.heldBack());
        archive.close();
        archive = TrailArchive.open(dir.resolve("archive.db"));
        StringWriter w = new StringWriter();
        archive.export(A, w);
        assertEquals(full, w.toString());
        assertEquals(LockHistory.of(fx.access, A), archive.history(A));
    }

    @Test
    void aConflictingImport_isRejectedWhole_namingLockAndSequence_andChangesNothing() throws IOException {
        importText(fx.exportText(A));
        String before = dump();
        byte[] fileBefore = Files.readAllBytes(dir.resolve("archive.db"));
        // Another history of lock A, signed with A's real key (same key ring, another store): it
        // verifies on its own but contradicts the archive from sequence 0 on. A new lock's lines
        // come first, so a half-done import would have stored them.
        LockId c = LockId.of("archive-c");
        String other;
        try (AuditFixture second = new AuditFixture(5, AuditFixture.T0.plus(Duration.ofDays(1)), keys)) {
            second.randomTrail(c, 13, 5);
            second.commission(A);
            second.access.addCode(A, NewCode.unrestricted(1, "mallory"), AuditFixture.pin(AuditFixture.PINS[5]));
            second.access.checkpoint(A);
            other = second.exportText(c) + second.exportText(A);
            pub = second.keyFor(A, c);
        }
        TrailArchive.ImportRejectedException e = assertThrows(TrailArchive.ImportRejectedException.class,
                () -> importText(other));
        assertEquals(A.value(), e.lock());
        assertEquals(0, e.sequence());
        assertTrue(e.getMessage().contains("lock 'archive-a' sequence 0") && e.getMessage().contains("nothing was imported"),
                e.getMessage());
        assertEquals(before, dump());
        assertEquals(List.of(A.value()), archive.locks());
        assertArrayEquals(fileBefore, Files.readAllBytes(dir.resolve("archive.db")), "the database file is unchanged");
    }

    @Test
    void aTamperedExport_isRefusedBeforeImport_namingTheFirstProblem() {
        importText(fx.exportText(B));
        String before = dump();
        List<String> lines = new ArrayList<>(fx.exportLines(A));
        lines.set(6, TamperMatrixTest.flip(lines.get(6), lines.get(6).indexOf("\"type\":\"") + 9));
        String tampered = String.join("\n", lines) + "\n";
        TrailArchive.ImportRejectedException e = assertThrows(TrailArchive.ImportRejectedException.class,
                () -> importText(tampered));
        assertTrue(e.getMessage().startsWith("the export fails verification, nothing was imported: line 7: MODIFIED_EVENT"),
                e.getMessage());
        assertEquals(A.value(), e.lock());
        assertEquals(6, e.sequence());
        assertEquals(before, dump());
        assertThrows(TrailArchive.ImportRejectedException.class, () -> importText(""));
        assertThrows(TrailArchive.ImportRejectedException.class,
                () -> archive.importTrail(AuditFixture.reader(fx.exportText(A)), id -> null));
        assertEquals(before, dump());
    }
}
