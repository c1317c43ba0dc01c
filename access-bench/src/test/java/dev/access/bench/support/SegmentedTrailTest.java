package dev.access.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.Fleet;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.fleet.IngestResult;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingest benchmark's fixture: segments that end signed, continue each other, and ingest whole into a fresh backend. */
class SegmentedTrailTest {
    @Test
    void segments_continueEachOther_endSigned_andIngestWholeIntoEachFreshSqliteBackend() {
        SegmentedTrail trail = SegmentedTrail.build(2000, 500);
        List<SegmentedTrail.Segment> segments = trail.segments();
        assertEquals(4, segments.size(), "2,000 attempts + 20 checkpoints + 5 lines in segments of >= 500: " + segments);
        StringBuilder joined = new StringBuilder();
        long next = 0;
        for (SegmentedTrail.Segment s : segments) {
            assertEquals(next, s.firstSequence());
            assertTrue(s.lines() >= 500 && s.lines() < 750, "no short remainder: " + s.lines());
            VerificationReport v = TrailVerifier.verifyContinuation(new BufferedReader(new StringReader(s.text())),
                    trail.lock().value(), trail.publicKey(), s.firstSequence(), s.headBefore());
            assertTrue(v.ok() && v.problems().isEmpty(), "each segment continues the one before and ends signed: " + v.problems());
            joined.append(s.text());
            next += s.lines();
        }
        assertEquals(trail.whole(), joined.toString());
        assertEquals(next, trail.lines());

        try (FleetBackends backends = FleetBackends.on(StoreKind.SQLITE, trail.backendKeys())) {
            for (int round = 0; round < 2; round++) {
                Fleet fleet = backends.fresh();
                fleet.enroll(trail.enrollment());
                for (SegmentedTrail.Segment s : segments) {
                    IngestResult r = fleet.ingest(new StringReader(s.text()));
                    assertEquals(s.lines(), r.newEvents(), "a full ingest, in round " + round);
                }
                StringWriter copy = new StringWriter();
                fleet.export(trail.lock(), copy);
                assertEquals(trail.whole(), copy.toString(), "the fresh backend holds the whole trail, and only it");
            }
        }
    }
}
