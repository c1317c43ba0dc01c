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

    /**
     * Headline verdicts come from the same conservative intervals as the goals: the quick run of
     * 2026-12-07 printed "met" for 1M / 1 = 1.15× ± 0.06 against ≤ 1.15 (a point verdict).
     */
    @Test
    void report_givesNoHeadlineVerdictWhereTheIntervalStraddlesTheTarget(@TempDir Path dir) throws Exception {
        String json = "[" + String.join(",",
                row("VerifyBenchmark.verify", "avgt", "\"codes\":\"1\",\"hit\":\"0.5\",\"engine\":\"JDK\"", 217.26, "ns/op")
                        .replace("\"scoreError\":\"NaN\"", "\"scoreError\":7.07"),
                row("VerifyBenchmark.verify", "avgt", "\"codes\":\"1000000\",\"hit\":\"0.5\",\"engine\":\"JDK\"", 249.72,
                        "ns/op").replace("\"scoreError\":\"NaN\"", "\"scoreError\":10.21"),
                row("VerifyBenchmark.hmacFloor", "avgt", "\"engine\":\"JDK\"", 150.98, "ns/op")
                        .replace("\"scoreError\":\"NaN\"", "\"scoreError\":4.62")) + "]";
        Path prefix = dir.resolve("2026-01-01-straddle");
        Files.writeString(Path.of(prefix + ".json"), json);
        Report.main(new String[] {prefix.toString()});
        String md = Files.readString(Path.of(prefix + "-report.md"));
        String headlines = md.substring(md.indexOf("## Headline ratios"));
        assertTrue(headlines.contains("/ 217 ± 7.07 ns/op | no verdict (interval straddles the target) |"), headlines);
        assertTrue(headlines.contains("217 ± 7.07 ns/op / 151 ± 4.62 ns/op | **missed** |"), headlines);
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

    @Test
    void report_boundsIngestByVerificationThenTheStoresFloor_perStore(@TempDir Path dir) throws Exception {
        String json = "[" + String.join(",",
                ingestRow("ingest", "SQLITE", 45, 45_000, 450),
                ingestRow("storeFloor", "SQLITE", 150, 150_000, 1_500),
                ingestRow("storeFloor", "POSTGRES", 25, 25_000, 250),
                ingestRow("verifyContinuation", null, 100, 100_000, 1_000)) + "]";
        Path prefix = dir.resolve("2026-01-01-floor");
        Files.writeString(Path.of(prefix + ".json"), json);
        Report.main(new String[] {prefix.toString()});
        String md = Files.readString(Path.of(prefix + "-report.md"));
        // 1 / (1/100,000 + 1/150,000) = 60,000 events/s: 0.6 of verification alone; ingest at 45,000 is 0.75 of it.
        assertTrue(md.contains("- SQLITE: verifying a line (100,000 events/s) and then storing it at the floor (150,000 events/s),"
                + " one after the other, allows at most 60,000 events/s, 0.600× verification alone; ingest reaches 0.750×"
                + " of that bound."), md);
        // 1 / (1/100,000 + 1/25,000) = 20,000; no ingest row on PostgreSQL, so no share of the bound.
        assertTrue(md.contains("- POSTGRES: verifying a line (100,000 events/s) and then storing it at the floor (25,000 events/s),"
                + " one after the other, allows at most 20,000 events/s, 0.200× verification alone.\n"), md);
        assertTrue(md.contains("| storeFloor | SQLITE |"), md);
    }

    private static String sampleRow(String method, String params, String unit, double mean, double p50, double p90,
            double p99, double allocNorm) {
        return "{\"benchmark\":\"dev.access.bench.OfflineCodeBenchmark." + method + "\",\"mode\":\"sample\",\"threads\":1,"
                + "\"forks\":3,\"params\":{" + params + "},\"primaryMetric\":{\"score\":" + mean + ",\"scoreError\":1.0,"
                + "\"scorePercentiles\":{\"0.0\":1.0,\"50.0\":" + p50 + ",\"90.0\":" + p90 + ",\"99.0\":" + p99 + ",\"100.0\":"
                + (p99 * 10) + "},\"scoreUnit\":\"" + unit + "\"},\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":"
                + allocNorm + ",\"scoreError\":0.5},\"gc.count\":{\"score\":3.0,\"scoreError\":\"NaN\"}}}";
    }

    @Test
    void report_givesOfflineMediansRatiosToTheHmacOfTheSameRun_andTheGoalsVerdict(@TempDir Path dir) throws Exception {
        String json = "[" + String.join(",",
                sampleRow("hmacFloor", "\"engine\":\"JDK\"", "ns/op", 260, 250, 300, 400, 200),
                sampleRow("hmacFloor", "\"engine\":\"BOUNCY_CASTLE\"", "ns/op", 400, 380, 420, 500, 300),
                sampleRow("verifyUserCode", "", "ns/op", 520, 500, 560, 700, 400),
                sampleRow("checkWarm", "\"input\":\"VALID\"", "us/op", 6.2, 6.0, 6.5, 9.0, 120),
                sampleRow("checkWarm", "\"input\":\"INVALID\"", "us/op", 6.1, 5.0, 6.4, 9.0, 88),
                sampleRow("checkCold", "\"input\":\"VALID\"", "us/op", 3100, 3000, 3300, 4000, 1.5e6),
                sampleRow("checkCold", "\"input\":\"INVALID\"", "us/op", 6100, 6000, 6300, 7000, 1.5e6),
                sampleRow("enterUserCode", "", "us/op", 21, 20, 25, 40, 9000),
                sampleRow("enterOffline", "", "us/op", 26, 25, 30, 50, 9500)) + "]";
        Path prefix = dir.resolve("2026-01-01-offline-codes");
        Files.writeString(Path.of(prefix + ".json"), json);
        Report.main(new String[] {prefix.toString()});
        String md = Files.readString(Path.of(prefix + "-report.md"));
        assertTrue(md.contains("| offline PIN check, warm hour (the keypad's normal case), median, slower input (VALID) | < 5 ms "
                + "| 6.00 µs |"), md);
        assertTrue(md.contains("cold (first in a new hour: every covering HMAC), median, slower input (INVALID) | < 5 ms | 6.00 ms |"
                + " JMH sample time, 3 fork(s) | **missed** |"), md);
        assertTrue(md.contains("| checkWarm | VALID | **6.00 µs** | 6.50 µs | 9.00 µs | 6.20 µs ± 1.00 µs | 24.0× | 12.0× | 120 B | 3.00 |"),
                "median 6 µs / HMAC median 250 ns = 24; / verify median 500 ns = 12: " + md);
        assertTrue(md.contains("| checkCold | VALID | **3.00 ms** |"), md);
        assertTrue(md.contains("| 12,000× | 6,000× | 1.43 MiB |"), "3 ms / 250 ns, 3 ms / 500 ns: " + md);
        assertTrue(md.contains("| enterOffline | — | **25.0 µs** | 30.0 µs | 50.0 µs | 26.0 µs ± 1.00 µs | 100× | 1.25× |"), md);
        assertTrue(md.contains("| hmacFloor | JDK | **250 ns** |"), md);
        assertTrue(md.indexOf("| hmacFloor | JDK") < md.indexOf("| hmacFloor | BOUNCY_CASTLE")
                && md.indexOf("| hmacFloor | BOUNCY_CASTLE") < md.indexOf("| verifyUserCode") && md.indexOf("| checkWarm | VALID")
                < md.indexOf("| checkWarm | INVALID"), "rows in reading order: " + md);
    }

    @Test
    void merge_concatenatesParts_andDropsSampleTimeHistograms_keepingPercentiles(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, "[" + sampleRow("checkWarm", "\"input\":\"VALID\"", "us/op", 6.2, 6.0, 6.5, 9.0, 120)
                .replace("\"scoreUnit\"", "\"rawDataHistogram\":[[[[6.0,10],[7.0,2]]]],\"scoreUnit\"") + "]");
        Files.writeString(b, "[" + row("VerifyBenchmark.hmacFloor", "avgt", "\"engine\":\"JDK\"", 100, "ns/op") + "]");
        Path out = dir.resolve("all.json");
        Report.main(new String[] {"merge", out.toString(), a.toString(), b.toString()});
        String merged = Files.readString(out);
        assertTrue(!merged.contains("rawDataHistogram"), merged);
        List<JmhRow> rows = JmhRow.parse(new ObjectMapper().readTree(merged));
        assertEquals(2, rows.size());
        assertEquals(6.5, rows.get(0).percentiles().get(90.0), 0);
        assertEquals(6500, rows.get(0).nanosAt(90.0), 1e-9);
        assertEquals(120, rows.get(0).secondary().get("gc.alloc.rate.norm"), 0);
    }
}
