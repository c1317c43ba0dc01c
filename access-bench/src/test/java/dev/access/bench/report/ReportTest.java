package dev.access.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static String row(String bench, String mode, String params, double score, String unit) {
        return "{\"benchmark\":\"dev.access.bench." + bench + "\",\"mode\":\"" + mode + "\",\"threads\":1,\"forks\":1,"
                + "\"params\":{" + params + "},\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":\"NaN\","
                + "\"scorePercentiles\":{\"50.0\":" + score + "},\"scoreUnit\":\"" + unit + "\"},\"secondaryMetrics\":{}}";
    }

    @Test
    void parse_readsParamsScoresAndUnits() throws Exception {
        String json = "[" + row("VerifyBenchmark.verify", "avgt", "\"codes\":\"1\",\"hit\":\"0.5\",\"engine\":\"JDK\"", 130, "ns/op")
                + "]";
        List<JmhRow> rows = JmhRow.parse(new ObjectMapper().readTree(json));
        assertEquals(1, rows.size());
        JmhRow r = rows.get(0);
        assertEquals("VerifyBenchmark", r.benchmarkClass());
        assertEquals("verify", r.method());
        assertTrue(r.has(Map.of("codes", "1", "engine", "JDK")));
        assertEquals(130, r.nanos(), 0);
        assertTrue(Double.isNaN(r.error()));
    }

    @Test
    void report_computesHeadlineRatiosFromTheRun(@TempDir Path dir) throws Exception {
        String json = "[" + String.join(",",
                row("VerifyBenchmark.verify", "avgt", "\"codes\":\"1\",\"hit\":\"0.5\",\"engine\":\"JDK\"", 130, "ns/op"),
                row("VerifyBenchmark.verify", "avgt", "\"codes\":\"10\",\"hit\":\"0.5\",\"engine\":\"JDK\"", 125, "ns/op"),
                row("VerifyBenchmark.verify", "avgt", "\"codes\":\"1000000\",\"hit\":\"0.5\",\"engine\":\"JDK\"", 143, "ns/op"),
                row("VerifyBenchmark.hmacFloor", "avgt", "\"engine\":\"JDK\"", 100, "ns/op"),
                row("SlowHashPeers.bcrypt", "avgt", "\"codes\":\"10\"", 500, "ms/op"),
                row("EntryAttemptBenchmark.enter", "avgt",
                        "\"store\":\"MEMORY\",\"config\":\"AXON_DEFAULT\",\"history\":\"100000\"", 200_000, "us/op"),
                row("EntryAttemptBenchmark.enter", "avgt",
                        "\"store\":\"MEMORY\",\"config\":\"LIBRARY_DEFAULT\",\"history\":\"100000\"", 100, "us/op")) + "]";
        Path prefix = dir.resolve("2026-01-01-test");
        Files.writeString(Path.of(prefix + ".json"), json);
        Report.main(new String[] {prefix.toString()});
        String md = Files.readString(Path.of(prefix + "-report.md"));
        assertTrue(md.contains("| full verify / bare HMAC (JDK, N = 1, hit 0.5) | ≤ 1.2 | 1.30×"), md);
        assertTrue(md.contains("1.10×"), "1M / 1 = 143 / 130");
        assertTrue(md.contains("4.00e+06×"), "bcrypt 500 ms / 125 ns");
        assertTrue(md.contains("2,000×"), "200 ms / 100 us");
        assertTrue(Files.exists(Path.of(prefix + "-verify.png")));
        assertTrue(Files.exists(Path.of(prefix + "-entry.png")));
    }

    private static String ingestRow(String method, String store, double score, double events, double eventsError) {
        return "{\"benchmark\":\"dev.access.bench.IngestBenchmark." + method + "\",\"mode\":\"thrpt\",\"threads\":1,"
                + "\"forks\":2,\"params\":{" + (store == null ? "" : "\"store\":\"" + store + "\"") + "},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":1.0,\"scorePercentiles\":{\"50.0\":" + score
                + "},\"scoreUnit\":\"ops/s\"},\"secondaryMetrics\":{\"events\":{\"score\":" + events
                + ",\"scoreError\":" + eventsError + "}}}";
    }

    @Test
    void report_putsIngestBesideVerificationAlone_andJudgesTheGoalPerStore(@TempDir Path dir) throws Exception {
        String json = "[" + String.join(",",
                ingestRow("ingest", "SQLITE", 60, 60_000, 600),
                ingestRow("ingest", "POSTGRES", 30, 30_000, 300),
                ingestRow("verifyContinuation", null, 100, 100_000, 1_000),
                ingestRow("verifyWholeTrail", null, 8, 80_000, 800)) + "]";
        Path prefix = dir.resolve("2026-01-01-ingest");
        Files.writeString(Path.of(prefix + ".json"), json);
        Report.main(new String[] {prefix.toString()});
        String md = Files.readString(Path.of(prefix + "-report.md"));
        assertTrue(md.contains("| fleet ingest / verification alone (verifyContinuation), events/s, SQLITE | ≥ 0.5× | 0.600×"), md);
        assertTrue(md.contains("60,000 / 100,000 events/s | met |"), md);
        assertTrue(md.contains("events/s, POSTGRES | ≥ 0.5× | 0.300×"), md);
        assertTrue(md.contains("30,000 / 100,000 events/s | **missed** |"), md);
        assertTrue(md.contains("| ingest | SQLITE | 60.0 ± 1.00 ops/s | 60,000 ± 600 | 0.600× (± 0.00849) | 0.750× (± 0.0106) |"), md);
    }
}
