package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.access.AccessException;
import dev.access.core.audit.VerificationReport.LockSummary;
import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailRecord;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/*
 * Fuzz targets for the auditor's toolkit (docs/fuzzing.md). The oracle for "never OK for what it did
 * not verify" is the set of genuine lines: the fixture exports under fuzz/exports, written by real
 * locks (AuditFuzzSeedsTest) and verified OK with the fixture public keys under fuzz/keys when this
 * class loads. Nothing the fuzzer writes can be signed by those keys, so every line a verified
 * signature covers must be one of them.
 */
/** Fuzz targets for export lines, whole exports (read, replayed, reported, verified) and the archive import. */
class AuditParsersFuzzTest {
    /** Bigger inputs are skipped: the seeds are a few tens of kilobytes. */
    static final int MAX_INPUT = 256 * 1024;
    static final String FIXTURES = "/dev/access/core/audit/fuzz/";

    /** The trusted public keys of the fixture locks. */
    static final Map<String, TrailPublicKey> KEYS = new HashMap<>();
    /** Every line of the fixture exports: the only lines a signature can cover. */
    static final Set<String> GENUINE = new HashSet<>();
    static final Function<String, TrailPublicKey> TRUSTED = KEYS::get;

    private static Path tmp;
    private static int archives;

    static {
        try {
            Path root = Path.of(AuditParsersFuzzTest.class.getResource(FIXTURES).toURI());
            try (Stream<Path> keys = Files.list(root.resolve("keys"))) {
                for (Path k : (Iterable<Path>) keys::iterator) {
                    TrailPublicKey key = TrailPublicKey.parse(Files.readString(k));
                    KEYS.put(key.lockId(), key);
                }
            }
            try (Stream<Path> exports = Files.list(root.resolve("exports"))) {
                for (Path e : (Iterable<Path>) exports::iterator) {
                    String text = Files.readString(e);
                    VerificationReport r = TrailVerifier.verify(reader(text), TRUSTED);
                    if (!r.ok() || r.problems().stream().anyMatch(p -> p.kind() != TrailProblem.Kind.UNSIGNED_TAIL)) {
                        throw new IllegalStateException("fixture export " + e.getFileName() + " no longer verifies: "
                                + r.problems());
                    }
                    GENUINE.addAll(List.of(text.split("\n")));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the fuzz fixtures", e);
        }
    }

    static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }

    private static synchronized Path freshFile(String name) {
        try {
            if (tmp == null) {
                tmp = Files.createTempDirectory("audit-fuzz");
            }
            return Files.createDirectory(tmp.resolve("a" + archives++)).resolve(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void cleanUp() {
        deleteTree(tmp);
        tmp = null;
    }

    /**
     * One export line (a record, a personal-keys line, a retention anchor, or anything). Must hold:
     * {@link TrailReader#parse} never throws and agrees with {@link ExportLine#parse} on whether the
     * line is a record or a keys line, and on the record; a record written back with {@link
     * TrailExport#writeLine} reads as the same record.
     */
    @FuzzTest(maxDuration = "2m")
    void exportLine(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        String text = new String(input, StandardCharsets.UTF_8);
        TrailReader.Line line = TrailReader.parse(1, text);
        ExportLine.Parsed parsed = ExportLine.parse(text);
        assertEquals(parsed.isKeys(), line.isPersonalKeys(), "reader and parser disagree on a keys line");
        assertEquals(parsed.record(), line.record(), "reader and parser disagree on the record");
        if (line.record() != null) {
            StringWriter w = new StringWriter();
            TrailExport.writeLine(line.record(), w);
            String written = w.toString();
            assertEquals(line.record(), ExportLine.parse(written.strip()).record(), "a record written back reads the same");
        }
        assertNotNull(line.toString());
    }

    /**
     * A whole export read as the auditor's tools read it: histories, replayed states and attempts, the
     * CSV and JSON reports, the diagnosis. Must hold: {@link TrailReader#histories} never throws; what
     * follows from a history throws nothing but an {@link AccessException} (a trail the tools cannot
     * follow, e.g. an event that makes no sense in its state).
     */
    @FuzzTest(maxDuration = "2m")
    void readExport(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        String text = new String(input, StandardCharsets.UTF_8);
        Map<String, LockHistory> histories = TrailReader.histories(reader(text));
        for (LockHistory h : histories.values()) {
            try {
                List<Attempt> attempts = Replay.attempts(h);
                AccessReport.writeCsv(attempts, new StringWriter());
                AccessReport.writeJson(attempts, new StringWriter());
                if (!h.events().isEmpty()) {
                    Instant last = h.events().get(h.events().size() - 1).event().at();
                    Replay.at(h, last);
                    Diagnosis.diagnose(h, Diagnosis.Question.at(last).slot(1));
                }
            } catch (AccessException e) {
                assertNotNull(e.getMessage());
            }
        }
    }

    /**
     * A whole export verified with the fixture locks' public keys. Must hold: {@link
     * TrailVerifier#verify} never throws; when it says OK, every line up to each lock's last verified
     * signature is a genuine line (byte for byte one that a real lock exported), the lock's event
     * count is exactly the number of its record lines, and events after that signature are reported
     * (an unsigned tail is never passed silently).
     */
    @FuzzTest(maxDuration = "2m")
    void verifyExport(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        String text = new String(input, StandardCharsets.UTF_8);
        VerificationReport report = TrailVerifier.verify(reader(text), TRUSTED);
        assertNotNull(report);
        if (!report.ok()) {
            assertFalse(report.problems().isEmpty(), "a failed verification names a problem");
            return;
        }
        List<String> texts = lines(text);
        Map<String, Long> records = new HashMap<>();
        Map<String, Boolean> unsignedTail = new HashMap<>();
        TrailReader.read(reader(text), null, line -> {
            TrailRecord r = line.record();
            if (r == null) {
                return;
            }
            records.merge(r.lock(), 1L, Long::sum);
            LockSummary s = report.locks().get(r.lock());
            assertNotNull(s, () -> "OK without a summary of lock " + r.lock());
            if (r.sequence() <= s.lastSignedSequence() || s.anchored() && r.sequence() == s.anchorSequence()) {
                assertTrue(GENUINE.contains(texts.get((int) line.number() - 1)),
                        () -> "OK for a signed line that no lock wrote: line " + line.number());
            } else if (!r.type().equals("TrailCheckpointed")) {
                // a checkpoint record itself follows the event it signs; any other record here is unsigned
                unsignedTail.put(r.lock(), true);
            }
        });
        for (Map.Entry<String, LockSummary> e : report.locks().entrySet()) {
            assertEquals(records.getOrDefault(e.getKey(), 0L), e.getValue().events(),
                    () -> "the report counts other events than it read for " + e.getKey());
            assertTrue(e.getValue().signed() || e.getValue().anchored(), "OK for a lock no signature covers");
        }
        if (!unsignedTail.isEmpty()) {
            assertTrue(report.problems().stream().anyMatch(p -> p.kind() == TrailProblem.Kind.UNSIGNED_TAIL),
                    "an unsigned tail must be reported");
        }
    }

    /** The lines as the verifier splits them ('\n', a trailing '\r' dropped). */
    static List<String> lines(String text) {
        List<String> out = new java.util.ArrayList<>();
        try (BufferedReader in = reader(text)) {
            String l;
            while ((l = TrailReader.readLine(in)) != null) {
                out.add(l);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An export imported into a fresh archive. Must hold: {@link TrailArchive#importTrail} throws
     * nothing but an {@link AccessException} ({@link TrailArchive.ImportRejectedException}); after an
     * import, every line the archive holds is a genuine line, and it counts exactly what it exports.
     */
    @FuzzTest(maxDuration = "2m")
    void importArchive(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        String text = new String(input, StandardCharsets.UTF_8);
        Path file = freshFile("archive.db");
        try (TrailArchive archive = TrailArchive.open(file)) {
            try {
                archive.importTrail(reader(text), TRUSTED);
            } catch (AccessException e) {
                assertNotNull(e.getMessage());
            }
            for (String lock : archive.locks()) {
                StringWriter w = new StringWriter();
                long n = archive.export(LockId.of(lock), w);
                assertEquals(archive.count(lock), n);
                for (String l : w.toString().split("\n")) {
                    if (!l.isEmpty() && !GENUINE.contains(l)) {
                        fail("the archive holds a line no lock wrote: " + l);
                    }
                }
            }
        } finally {
            deleteTree(file.getParent());
        }
    }
}
