package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailCheckpointed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading exports: records and events for one lock or all; bad lines are reported, never thrown. */
class TrailReaderTest {
    private static final LockId A = LockId.of("reader-a");
    private static final LockId B = LockId.of("reader-b");
    private static AuditFixture fx;

    @BeforeAll
    static void open() {
        fx = new AuditFixture(5);
        fx.randomTrail(A, 21, 15);
        fx.randomTrail(B, 22, 8);
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void anExport_readsBackToTheStoresEvents_withTheirSequenceNumbers() {
        String text = fx.exportText(A);
        List<TrailReader.Line> lines = new ArrayList<>();
        TrailReader.Summary s = TrailReader.read(AuditFixture.reader(text), null, lines::add);
        assertEquals(text.lines().count(), s.lines());
        assertEquals(s.lines(), s.records());
        assertEquals(0, s.problems());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i, lines.get(i).record().sequence());
            assertTrue(lines.get(i).event() instanceof LockEvent || lines.get(i).event() instanceof TrailCheckpointed);
        }
        assertEquals(LockHistory.of(fx.access, A), TrailReader.history(AuditFixture.reader(text), A.value()));
        assertEquals(fx.access.events(A).size(), LockHistory.of(fx.access, A).events().size());
    }

    @Test
    void aMixedExport_isSplitByLock() {
        String text = fx.exportText(A) + fx.exportText(B);
        Map<String, LockHistory> all = TrailReader.histories(AuditFixture.reader(text));
        assertEquals(List.of(A.value(), B.value()), List.copyOf(all.keySet()));
        assertEquals(LockHistory.of(fx.access, B), all.get(B.value()));
        assertEquals(LockHistory.of(fx.access, B), TrailReader.history(AuditFixture.reader(text), B.value()));
    }

    @Test
    void malformedLines_areReported_andReadingGoesOn() {
        List<String> lines = new ArrayList<>(fx.exportLines(A));
        lines.add(3, "{not json");
        lines.add(5, "[1,2]");
        lines.add(7, "{\"lock\":\"reader-a\",\"sequence\":\"x\"}");
        lines.add(9, "{\"lock\":\"reader-a\",\"sequence\":999,\"type\":\"NoSuchEvent\",\"timestamp\":\"2026-07-06T06:00:00Z\","
                + "\"payload\":\"{}\",\"chain\":\"" + "0".repeat(64) + "\"}");
        lines.add(11, "{\"lock\":\"reader-a\",\"sequence\":998,\"type\":\"CodeRemoved\",\"timestamp\":\"yesterday\","
                + "\"payload\":\"{}\",\"chain\":\"00\"}");
        lines.add("x".repeat(TrailReader.MAX_LINE + 10));
        lines.add(lines.get(2)); // a repeated sequence
        LockHistory h = TrailReader.history(AuditFixture.reader(String.join("\n", lines)), A.value());
        assertEquals(LockHistory.of(fx.access, A).events(), h.events());
        assertEquals(7, h.problems().size(), h.problems().toString());
        assertEquals(List.of(4L, 6L, 8L, 10L, 12L), h.problems().subList(0, 5).stream().map(TrailProblem::line).toList());
        assertTrue(h.problems().get(3).message().contains("unknown trail event type 'NoSuchEvent'"), h.problems().toString());
        assertTrue(h.problems().get(4).message().contains("'yesterday'"), h.problems().toString());
        assertEquals(TrailProblem.Kind.DUPLICATE_EVENT, h.problems().get(6).kind());
        TrailReader.Line bad = TrailReader.parse(1, "");
        assertNull(bad.record());
        assertEquals(0, TrailReader.history(AuditFixture.reader(""), A.value()).events().size());
    }
}
