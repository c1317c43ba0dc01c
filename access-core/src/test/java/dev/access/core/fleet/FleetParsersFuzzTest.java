package dev.access.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.access.AccessException;
import dev.access.core.Fleet;
import dev.access.core.LockStore;
import dev.access.core.SimulatedClock;
import dev.access.core.domain.LockId;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.SignatureVerificationException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/*
 * Fuzz targets for what a backend and a lock read from each other (docs/fuzzing.md). Fixtures under
 * fuzz/ (FleetFuzzSeedsTest): an unbound backend key ring, the lock's enrollment to that backend, and
 * the lock's whole export (the genuine lines: the only ones a verified checkpoint can sign).
 */
/** Fuzz targets for trail segments ingested by the backend, programming batches and enrollment files. */
class FleetParsersFuzzTest {
    static final int MAX_INPUT = 256 * 1024;
    static final String FIXTURES = "/dev/access/core/fleet/fuzz/";
    static final Instant NOW = Instant.parse("2026-07-20T06:00:00Z");

    static final byte[] BACKEND_KEYS;
    static final Enrollment ENROLLMENT;
    static final BackendPublicKey BACKEND;
    static final Set<String> GENUINE = new HashSet<>();

    private static Path tmp;
    private static int dirs;

    static {
        try {
            Path root = Path.of(FleetParsersFuzzTest.class.getResource(FIXTURES).toURI());
            BACKEND_KEYS = Files.readAllBytes(root.resolve("backend.keys"));
            ENROLLMENT = Enrollment.parse(Files.readString(root.resolve("enrollment.txt")));
            BACKEND = BackendPublicKey.parse(Files.readString(root.resolve("backend.pub")));
            GENUINE.addAll(List.of(Files.readString(root.resolve("door.jsonl")).split("\n")));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the fuzz fixtures", e);
        }
    }

    private static synchronized Path freshDir() {
        try {
            if (tmp == null) {
                tmp = Files.createTempDirectory("fleet-fuzz");
            }
            return Files.createDirectory(tmp.resolve("b" + dirs++));
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
     * A trail segment sent to a fresh backend that enrolled the fixture lock. Must hold: {@link
     * Fleet#ingest} throws nothing but an {@link AccessException} ({@link SegmentRejectedException},
     * {@link LockNotEnrolledException}); after it, every line the backend holds is a genuine line
     * (the backend never holds what no verified signature covers).
     */
    @FuzzTest(maxDuration = "2m")
    void ingestSegment(byte[] input) throws Exception {
        if (input.length > MAX_INPUT) {
            return;
        }
        Path dir = freshDir();
        Path keys = dir.resolve("keys");
        Files.write(keys, BACKEND_KEYS);
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        LockStore store = LockStore.sqlite(dir.resolve("store"));
        try (Fleet fleet = Fleet.builder().store(store).keyRing(FileKeyRing.open(keys))
                .clock(new SimulatedClock(NOW)).build()) {
            fleet.enroll(ENROLLMENT);
            try {
                fleet.ingest(new StringReader(new String(input, StandardCharsets.UTF_8)));
            } catch (AccessException e) {
                assertNotNull(e.getMessage());
            }
            StringWriter w = new StringWriter();
            fleet.export(LockId.of(ENROLLMENT.lock()), w);
            for (String l : w.toString().split("\n")) {
                if (!l.isEmpty() && !GENUINE.contains(l)) {
                    fail("the backend holds a line no lock wrote: " + l);
                }
            }
        } finally {
            store.close();
            deleteTree(dir);
        }
    }

    /**
     * A programming batch as a link carries it to the lock. Must hold: {@link ProgrammingBatch#parse}
     * throws nothing but {@link MalformedBatchException}; a batch read writes back with {@link
     * ProgrammingBatch#toText} to a text that reads as an equal batch; verifying it with the fixture
     * backend's key throws nothing but {@link SignatureVerificationException}.
     */
    @FuzzTest(maxDuration = "2m")
    void programmingBatch(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        ProgrammingBatch b;
        try {
            b = ProgrammingBatch.parse(new String(input, StandardCharsets.UTF_8));
        } catch (MalformedBatchException e) {
            assertNotNull(e.getMessage());
            return;
        }
        assertEquals(b, ProgrammingBatch.parse(b.toText()), "a batch written back reads the same");
        assertNotNull(b.toString());
        try {
            b.verify(BACKEND);
        } catch (SignatureVerificationException e) {
            assertNotNull(e.getMessage());
        }
    }

    /**
     * An enrollment file as the backend receives it. Must hold: {@link Enrollment#parse} throws
     * nothing but {@link MalformedEnrollmentException}; an enrollment read writes back with {@link
     * Enrollment#toText} to a text that reads as an equal one; {@link Enrollment#verify}
     * throws nothing but {@link SignatureVerificationException}.
     */
    @FuzzTest(maxDuration = "2m")
    void enrollment(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        String text = new String(input, StandardCharsets.UTF_8);
        Enrollment e;
        try {
            e = Enrollment.parse(text);
        } catch (MalformedEnrollmentException x) {
            assertNotNull(x.getMessage());
            return;
        }
        assertEquals(e, Enrollment.parse(e.toText()), "an enrollment written back reads the same");
        assertNotNull(e.toString());
        try {
            e.verify();
        } catch (SignatureVerificationException x) {
            assertNotNull(x.getMessage());
        }
    }
}
