package dev.access.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictTest {
    @Test
    void aVerdictNeedsTheWholeIntervalOnOneSide() {
        assertEquals(Verdict.MET, Verdict.atMost(Verdict.Interval.of(1.0, 0.1), 1.2));
        assertEquals(Verdict.STRADDLES, Verdict.atMost(Verdict.Interval.of(1.15, 0.1), 1.2));
        assertEquals(Verdict.MISSED, Verdict.atMost(Verdict.Interval.of(1.5, 0.1), 1.2));
        assertEquals(Verdict.MET, Verdict.atLeast(Verdict.Interval.of(3.0, 0.4), 2.5));
        assertEquals(Verdict.STRADDLES, Verdict.atLeast(Verdict.Interval.of(2.6, 0.2), 2.5));
        assertEquals(Verdict.MISSED, Verdict.atLeast(Verdict.Interval.of(2.0, 0.4), 2.5));
        assertEquals(Verdict.UNKNOWN, Verdict.atMost(Verdict.Interval.of(1.0, Double.NaN), 1.2),
                "no error estimate: no verdict");
    }

    @Test
    void aRatioTakesTheConservativeIntervalOfBothScores() {
        Verdict.Interval r = Verdict.Interval.of(120, 6).over(Verdict.Interval.of(100, 5));
        assertEquals(1.2, r.value(), 1e-12);
        assertEquals(114.0 / 105, r.lo(), 1e-12);
        assertEquals(126.0 / 95, r.hi(), 1e-12);
        assertEquals(Verdict.STRADDLES, Verdict.atMost(r, 1.2));
        assertEquals(0.06, Verdict.Interval.of(100, 6).relativeError(), 1e-12);
    }

    private static String avgt(String method, String params, double score, double error, String unit, int threads) {
        return "{\"benchmark\":\"dev.access.bench." + method + "\",\"mode\":\"avgt\",\"threads\":" + threads + ",\"forks\":3,"
                + "\"params\":{" + params + "},\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":" + error + ","
                + "\"scorePercentiles\":{\"50.0\":" + score + "},\"scoreUnit\":\"" + unit + "\"},\"secondaryMetrics\":{}}";
    }

    @Test
    void theGoalsTableJudgesFromIntervals_marksNoisyRows_andFlagsABusyRun(@TempDir Path dir) throws Exception {
        String entry = "\"store\":\"%s\",\"config\":\"LIBRARY_DEFAULT\",\"history\":\"0\"";
        String json = "[" + String.join(",", List.of(
                avgt("VerifyBenchmark.verify", "\"codes\":\"1\",\"hit\":\"0.5\",\"engine\":\"JDK\"", 160, 2, "ns/op", 1),
                avgt("VerifyBenchmark.verify", "\"codes\":\"1000000\",\"hit\":\"0.5\",\"engine\":\"JDK\"", 190, 30, "ns/op", 1),
                avgt("VerifyBenchmark.hmacFloor", "\"engine\":\"JDK\"", 140, 1, "ns/op", 1),
                avgt("EntryAttemptBenchmark.enter", String.format(entry, "MEMORY"), 12, 0.5, "us/op", 1),
                avgt("EntryAttemptBenchmark.enter", String.format(entry, "SQLITE"), 300, 10, "us/op", 1),
                avgt("EntryAttemptBenchmark.enterFourThreads", String.format(entry, "SQLITE"), 400, 10, "us/op", 4),
                avgt("EntryAttemptBenchmark.storeAppendFloor", "\"store\":\"SQLITE\"", 240, 5, "us/op", 1))) + "]";
        Path prefix = dir.resolve("2026-01-01-quick");
        Files.writeString(Path.of(prefix + ".json"), json);
        Files.writeString(Path.of(prefix + "-meta.properties"), "foreign_cpu_mean=0.4\nforeign_cpu_p95=0.9\n");
        Report.main(new String[] {prefix.toString()});
        String md = Files.readString(Path.of(prefix + "-report.md"));
        assertTrue(md.contains("BUSY MACHINE: this run is not credible"), md);
        // 160 ± 2 over 140 ± 1: [158/141, 162/139] = [1.12, 1.17] is below 1.2 throughout.
        assertTrue(md.contains("| verify, N = 1 / one bare HMAC-SHA-256 (JDK, hit 0.5) | ≤ 1.2× | 1.14× [1.12, 1.17] |"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| verify, N = 1 /") && l.endsWith("| met |")), md);
        // 190 ± 30 over 160 ± 2: [1.01, 1.39] straddles 1.15; the 1M row is noisy (16 %).
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| verify at 1M codes") && l.contains("190 ± 30.0 ns/op ⚠")
                && l.endsWith("| no verdict (interval straddles the target) |")), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| entry attempt in memory") && l.endsWith("| **missed** |")), md);
        // raw 240 ± 5 / attempt 300 ± 10 = [0.76, 0.84]: met.
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| SQLite: raw single-event append") && l.endsWith("| met |")), md);
        // 4 × 300 / 400 = 3.0, interval [4 × 290 / 410, 4 × 310 / 390] = [2.83, 3.18]: met.
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| SQLite: 4 threads on 4 locks") && l.contains("3.00×")
                && l.endsWith("| met |")), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| PostgreSQL: 8 threads") && l.contains("not measured")), md);
    }
}
