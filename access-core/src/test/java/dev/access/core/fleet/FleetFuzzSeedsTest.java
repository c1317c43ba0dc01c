package dev.access.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.Fleet;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the fixtures and committed seed inputs of {@link FleetParsersFuzzTest} from a real backend
 * and a real lock (run with {@code -Dfuzz.seeds=write}, see docs/fuzzing.md).
 */
@EnabledIfSystemProperty(named = "fuzz.seeds", matches = "write")
class FleetFuzzSeedsTest {
    static final Path RESOURCES = Path.of("src/test/resources/dev/access/core/fleet");
    static final Path FIXTURES = RESOURCES.resolve("fuzz");
    static final Path INPUTS = RESOURCES.resolve("FleetParsersFuzzTestInputs");

    @TempDir
    Path tmp;

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void writeSeeds() throws Exception {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-06T06:00:00Z"));
        // The backend's identity is made in an unbound ring, copied before any store binds it.
        Path keys = tmp.resolve("backend").resolve("keys");
        Files.createDirectories(keys.getParent());
        FileKeyRing ring = FileKeyRing.open(keys);
        BackendPublicKey backendKey = ring.createBackendIdentity().publicKey();
        Files.createDirectories(FIXTURES);
        Files.copy(keys, FIXTURES.resolve("backend.keys"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        write(FIXTURES.resolve("backend.pub"), backendKey.export());

        LockStore backendStore = LockStore.sqlite(tmp.resolve("backend"));
        try (Fleet fleet = Fleet.builder().store(backendStore).keyRing(ring).clock(clock).build();
                LockSim door = new LockSim(tmp.resolve("door"), "front-door", clock)) {
            assertEquals(backendKey, fleet.initialize());
            door.commission();
            Enrollment enrollment = door.enroll(backendKey);
            fleet.enroll(enrollment);
            write(FIXTURES.resolve("enrollment.txt"), enrollment.toText());
            Path enrollDir = INPUTS.resolve("enrollment");
            write(enrollDir.resolve("valid-enrollment"), enrollment.toText());
            write(enrollDir.resolve("hostile-reordered"), enrollment.toText().replaceFirst("\\{\"([a-z]+)\":", "{ \"$1\" :"));
            write(enrollDir.resolve("hostile-epoch"), enrollment.toText().replaceFirst("\"keyEpoch\":1", "\"keyEpoch\":1e3"));

            door.busy(5, 25);
            String first = door.segment(0);
            fleet.ingest(new StringReader(first));
            // A programming batch: a code to set (a sealed PIN), then one to suspend it.
            fleet.requestCode(door.id, NewCode.unrestricted(5, "alice"), "48261937".toCharArray(), "owner");
            clock.advance(Duration.ofSeconds(5));
            ProgrammingBatch add = fleet.push(door.id).orElseThrow();
            door.access.apply(ProgrammingBatch.parse(add.toText()));
            Path batchDir = INPUTS.resolve("programmingBatch");
            write(batchDir.resolve("valid-add-code"), add.toText());
            write(batchDir.resolve("hostile-unknown-field"), add.toText().replaceFirst("\\{", "{\"extra\":1,"));
            write(batchDir.resolve("hostile-two-lines"), add.toText() + add.toText());

            door.busy(6, 15);
            long held = LockSim.lines(first).size();
            String second = door.segment(held);
            IngestResult r = fleet.ingest(new StringReader(second));
            assertTrue(r.newEvents() > 0, r.toString());
            String whole = door.exportAll();
            write(FIXTURES.resolve("door.jsonl"), whole);

            Path segDir = INPUTS.resolve("ingestSegment");
            write(segDir.resolve("valid-first-segment"), first);
            write(segDir.resolve("valid-whole-trail"), whole);
            write(segDir.resolve("valid-later-segment-gap"), second);
            List<String> lines = LockSim.lines(whole);
            write(segDir.resolve("hostile-dropped-line"), String.join("\n", lines.subList(0, 5)) + "\n"
                    + String.join("\n", lines.subList(6, lines.size())) + "\n");
            write(segDir.resolve("hostile-unknown-lock"), first.replace("front-door", "side-door"));
        } finally {
            backendStore.close();
        }
    }
}
