package dev.access.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns one suite run into a Markdown report with ratios (to the floor and to each peer) and PNG
 * charts. Everything is computed from the files of that run; no number is written by hand.
 *
 * <p>Inputs beside each other, by prefix {@code P} (e.g. {@code access-bench/results/2026-11-29-quick}):
 * {@code P.json} (JMH), {@code P-meta.properties} (machine and command), and if present
 * {@code P-memory.json} and {@code P-leak.json}. Outputs: {@code P-report.md},
 * {@code P-verify.png}, {@code P-entry.png}.
 *
 * <p>Run: {@code java -cp access-bench/target/benchmarks.jar dev.access.bench.report.Report P}, or
 * {@code … Report merge OUT.json IN.json…} to concatenate JMH result files of one run (dropping
 * sample-time mode's raw per-iteration histograms; their percentiles stay).
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JmhRow> rows;
    private final Properties meta;
    private final JsonNode memory;
    private final JsonNode leak;
    private final String name;
    private final StringBuilder md = new StringBuilder();
    /** The offline-code section and headlines, also printed on standard output. */
    private final StringBuilder offlineText = new StringBuilder();

    private Report(String name, List<JmhRow> rows, Properties meta, JsonNode memory, JsonNode leak) {
        this.name = name;
        this.rows = rows;
        this.meta = meta;
        this.memory = memory;
        this.leak = leak;
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("merge")) {
            merge(Path.of(args[1]), args);
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: Report PREFIX | Report merge OUT.json IN.json...");
            System.exit(2);
        }
        String prefix = args[0];
        Path jmh = Path.of(prefix + ".json");
        List<JmhRow> rows = JmhRow.parse(JSON.readTree(jmh.toFile()));
        Properties meta = new Properties();
        Path metaFile = Path.of(prefix + "-meta.properties");
        if (Files.exists(metaFile)) {
            try (Reader r = Files.newBufferedReader(metaFile, StandardCharsets.UTF_8)) {
                meta.load(r);
            }
        }
        JsonNode memory = readIfExists(Path.of(prefix + "-memory.json"));
        JsonNode leak = readIfExists(Path.of(prefix + "-leak.json"));
        Report report = new Report(Path.of(prefix).getFileName().toString(), rows, meta, memory, leak);
        String text = report.render(Path.of(prefix));
        Files.writeString(Path.of(prefix + "-report.md"), text, StandardCharsets.UTF_8);
        if (report.offlineText.length() > 0) {
            System.out.println(report.offlineText);
        }
        System.out.println("wrote " + prefix + "-report.md");
    }

    private static JsonNode readIfExists(Path p) throws IOException {
        return Files.exists(p) ? JSON.readTree(p.toFile()) : null;
    }

    private static void merge(Path out, String[] args) throws IOException {
        ArrayNode all = JSON.createArrayNode();
        for (int i = 2; i < args.length; i++) {
            Path in = Path.of(args[i]);
            if (Files.exists(in) && Files.size(in) > 0) {
                JsonNode n = JSON.readTree(in.toFile());
                for (JsonNode row : n) {
                    // Sample-time rows carry every iteration's histogram of samples (megabytes for a
                    // full run); the percentiles over all of them stay, and -jmh.txt keeps each
                    // iteration's own percentiles.
                    JsonNode pm = row.path("primaryMetric");
                    if (pm instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                        o.remove("rawDataHistogram");
                    }
                    all.add(row);
                }
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), all);
        System.out.println("merged " + all.size() + " results into " + out);
    }

    // ------------------------------------------------------------------ lookups

    private Optional<JmhRow> find(String cls, String method, String... kv) {
        Map<String, String> want = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            want.put(kv[i], kv[i + 1]);
        }
        return rows.stream().filter(r -> r.benchmarkClass().equals(cls) && r.method().equals(method) && r.has(want))
                .findFirst();
    }

    private List<JmhRow> all(String cls, Predicate<JmhRow> p) {
        return rows.stream().filter(r -> r.benchmarkClass().equals(cls) && p.test(r)).collect(Collectors.toList());
    }

    private static double ratio(double a, double b) {
        return a / b;
    }

    private static double ratioError(JmhRow a, JmhRow b) {
        double r = a.nanos() / b.nanos();
        double ea = a.nanosError() / a.nanos();
        double eb = b.nanosError() / b.nanos();
        return r * Math.sqrt(ea * ea + eb * eb);
    }

    // ------------------------------------------------------------------ rendering

    String render(Path prefix) throws IOException {
        md.append("# access-bench report: ").append(name).append("\n\n");
        md.append("Generated by `dev.access.bench.report.Report` from `").append(name).append(".json`")
                .append(memory != null ? ", `" + name + "-memory.json`" : "")
                .append(leak != null ? ", `" + name + "-leak.json`" : "")
                .append(" and `").append(name).append("-meta.properties`. Scores are JMH scores ± the 99.9 % error "
                        + "JMH reports (n/a with a single iteration); ratios carry the propagated error. "
                        + "⚠ marks a score whose error exceeds 10 % of it: read such a row as an order of magnitude only.\n\n");
        busyWarning();
        machine();
        goals();
        headlines();
        verify();
        digest();
        compare();
        peers();
        entry();
        coldStart();
        audit();
        ingest();
        offline();
        memory();
        leak();
        charts(prefix);
        return md.toString();
    }

    private void machine() {
        md.append("## Machine and run\n\n| | |\n|---|---|\n");
        for (String k : new String[] {"suite", "date", "jdk", "jvm", "gc", "cpu", "cores", "memory", "load_before",
            "idle_check", "busy_before", "foreign_cpu_mean", "foreign_cpu_p95", "foreign_cpu_max", "foreign_cpu_samples",
            "kernel_cpu_mean",
            "load_after", "duration_seconds", "command", "notes"}) {
            if (meta.getProperty(k) != null) {
                md.append("| ").append(k).append(" | ").append(meta.getProperty(k).replace("|", "\\|")).append(" |\n");
            }
        }
        Set<String> forks = rows.stream().map(r -> r.benchmarkClass() + " " + r.forks() + " fork(s)")
                .collect(Collectors.toCollection(TreeSet::new));
        md.append("| forks | ").append(String.join(", ", forks)).append(" |\n\n");
    }

    /** Foreign CPU (cores) above which a run is called busy: its mean, and its 95th percentile. */
    static final double BUSY_MEAN = 0.10;
    static final double BUSY_P95 = 0.50;

    /** Whether the meta file says the machine was busy before or during the run (null: not recorded). */
    Boolean busy() {
        String mean = meta.getProperty("foreign_cpu_mean");
        String p95 = meta.getProperty("foreign_cpu_p95");
        if (meta.getProperty("busy_before") != null) {
            return true;
        }
        if (mean == null || p95 == null) {
            return null;
        }
        return Double.parseDouble(mean) > BUSY_MEAN || Double.parseDouble(p95) > BUSY_P95;
    }

    private void busyWarning() {
        Boolean busy = busy();
        if (busy == null) {
            md.append("> **Note:** this run recorded no foreign-CPU watch (older scripts): whether the machine was quiet "
                    + "is not known.\n\n");
        } else if (busy) {
            md.append("> ⚠ **BUSY MACHINE: this run is not credible.** Other processes used the CPU before or during it "
                    + "(foreign CPU mean " + meta.getProperty("foreign_cpu_mean", "?") + " cores, 95th percentile "
                    + meta.getProperty("foreign_cpu_p95", "?") + "; limits " + BUSY_MEAN + " and " + BUSY_P95
                    + "). Verdicts below are computed but must not be quoted.\n\n");
        }
    }

    /**
     * The goals of issue 15, each from this run's intervals: a verdict only where the interval does
     * not straddle the target.
     */
    private void goals() {
        md.append("## Goals (issue 15), from intervals\n\n");
        md.append("Each figure is an interval (99.9 % error; a ratio of two scores takes the conservative interval "
                + "of both). **met** / **missed** only when the whole interval is on one side of the target; "
                + "otherwise no verdict.\n\n");
        md.append("| goal | target | measured (interval) | from | verdict |\n|---|---|---|---|---|\n");
        Optional<JmhRow> floor = find("VerifyBenchmark", "hmacFloor", "engine", "JDK");
        Optional<JmhRow> v1 = find("VerifyBenchmark", "verify", "codes", "1", "hit", "0.5", "engine", "JDK");
        Optional<JmhRow> vM = find("VerifyBenchmark", "verify", "codes", "1000000", "hit", "0.5", "engine", "JDK");
        if (v1.isPresent() && floor.isPresent()) {
            Verdict.Interval r = v1.get().nanosInterval().over(floor.get().nanosInterval());
            goal("verify, N = 1 / one bare HMAC-SHA-256 (JDK, hit 0.5)", "≤ 1.2×", ratio(r),
                    v1.get().formatted() + " / " + floor.get().formatted(), Verdict.atMost(r, 1.2));
        } else {
            goal("verify, N = 1 / one bare HMAC-SHA-256", "≤ 1.2×", "not measured", "", Verdict.UNKNOWN);
        }
        if (v1.isPresent() && vM.isPresent()) {
            Verdict.Interval r = vM.get().nanosInterval().over(v1.get().nanosInterval());
            goal("verify at 1M codes / at 1 code (JDK, hit 0.5)", "≤ 1.15×", ratio(r),
                    vM.get().formatted() + " / " + v1.get().formatted(), Verdict.atMost(r, 1.15));
        } else {
            goal("verify at 1M codes / at 1 code", "≤ 1.15×", "not measured", "", Verdict.UNKNOWN);
        }
        Optional<JmhRow> mem = enter("MEMORY", 1);
        if (mem.isPresent()) {
            Verdict.Interval i = mem.get().nanosInterval().times(1e-3);
            goal("entry attempt in memory (fresh lock, library default)", "≤ 10 µs", interval(i, " µs"),
                    mem.get().formatted(), Verdict.atMost(i, 10));
        } else {
            goal("entry attempt in memory", "≤ 10 µs", "not measured", "", Verdict.UNKNOWN);
        }
        Optional<JmhRow> sqlite = enter("SQLITE", 1);
        Optional<JmhRow> sqliteFloor = find("EntryAttemptBenchmark", "storeAppendFloor", "store", "SQLITE");
        if (sqlite.isPresent() && sqliteFloor.isPresent()) {
            Verdict.Interval r = sqliteFloor.get().nanosInterval().over(sqlite.get().nanosInterval());
            goal("SQLite: raw single-event append time / entry attempt time", "≥ 0.7", ratio(r),
                    sqliteFloor.get().formatted() + " / " + sqlite.get().formatted(), Verdict.atLeast(r, 0.7));
        } else {
            goal("SQLite: raw append / entry attempt", "≥ 0.7", "not measured", "", Verdict.UNKNOWN);
        }
        scaling("SQLITE", 2, 1.8);
        scaling("SQLITE", 4, 2.5);
        scaling("POSTGRES", 8, 4.0);
        // Replay of an export is replayExport (read the export, then fold); "replay" folds events
        // already in memory, which is not what the goal names.
        for (String method : List.of("verify", "replayExport")) {
            Optional<JmhRow> a = all("AuditBenchmark", r -> r.method().equals(method) && "100000".equals(r.param("events"))
                    && r.threads() == 1).stream().findFirst();
            if (a.isPresent() && events(a.get()) != null) {
                Verdict.Interval i = Verdict.Interval.of(events(a.get()),
                        a.get().secondaryError().getOrDefault("events", Double.NaN));
                goal("audit " + method + " of a 100k-event export", "≥ 500k events/s", interval(i, " events/s"),
                        "AuditBenchmark." + method, Verdict.atLeast(i, 500_000));
            } else {
                goal("audit " + method + " of a 100k-event export", "≥ 500k events/s", "not measured", "", Verdict.UNKNOWN);
            }
        }
        Optional<JmhRow> cold = find("ColdStartBenchmark", "firstEntry", "store", "SQLITE", "events", "100000");
        if (cold.isPresent()) {
            Verdict.Interval i = cold.get().nanosInterval().times(1e-6);
            goal("restart to first answered entry, SQLite, 100k events (mean of shots, compiled code)", "≤ 20 ms",
                    interval(i, " ms"),
                    cold.get().formatted() + ", median " + Fmt.num(cold.get().medianNanos() / 1e6) + " ms",
                    Verdict.atMost(i, 20));
        } else {
            goal("restart to first answered entry, SQLite, 100k events", "≤ 20 ms", "not measured", "", Verdict.UNKNOWN);
        }
        JsonNode big = null;
        Iterable<JsonNode> memoryRows = memory == null ? List.of() : memory.path("rows");
        for (JsonNode r : memoryRows) {
            if (big == null || r.path("codes").asInt() > big.path("codes").asInt()) {
                big = r;
            }
        }
        if (big != null) {
            double perCode = (double) big.path("stateBytesJol").asLong() / big.path("codes").asInt();
            goal("heap per code in a cached lock's state (JOL graph, " + String.format(Locale.ROOT, "%,d",
                    big.path("codes").asInt()) + " codes)", "≤ 100 B", Fmt.num(perCode) + " B (exact count)",
                    "MemoryFootprint", Verdict.atMost(Verdict.Interval.exact(perCode), 100));
        } else {
            goal("heap per code in a cached lock's state", "≤ 100 B", "not measured", "", Verdict.UNKNOWN);
        }
        if (leak != null) {
            double worst = 0;
            int calibration = 0;
            boolean controls = true;
            for (JsonNode t : leak.path("tests")) {
                if (t.path("name").asText().contains("A/A")) {
                    calibration++;
                    worst = Math.max(worst, t.path("maxT").asDouble());
                }
                if (t.path("control").asBoolean() && !t.path("ok").asBoolean()) {
                    controls = false;
                }
            }
            goal("timing-leak harness: every A/A calibration row below 4.5 at "
                    + String.format(Locale.ROOT, "%,d", leak.path("samples").asLong()) + " samples, controls flagged",
                    "\\|t\\| < 4.5", calibration + " A/A rows, worst \\|t\\| " + Fmt.num(worst)
                            + (controls ? ", controls flagged" : ", a CONTROL NOT FLAGGED"), "TimingLeakHarness",
                    calibration == 0 || leak.path("samples").asLong() < 1_000_000 ? Verdict.UNKNOWN
                            : worst < 4.5 && controls ? Verdict.MET : Verdict.MISSED);
        } else {
            goal("timing-leak harness A/A rows", "\\|t\\| < 4.5", "not measured", "", Verdict.UNKNOWN);
        }
        md.append("\n");
    }

    /** The fresh-lock, library-default entry attempt of a store with the given threads (one lock a thread). */
    private Optional<JmhRow> enter(String store, int threads) {
        return all("EntryAttemptBenchmark", r -> r.method().startsWith("enter") && !r.method().contains("Offline")
                && r.threads() == threads && store.equals(r.param("store")) && "LIBRARY_DEFAULT".equals(r.param("config"))
                && "0".equals(r.param("history"))).stream().findFirst();
    }

    /** Attempts/s with {@code threads} threads on as many locks over one thread: threads × t1 / tN. */
    private void scaling(String store, int threads, double target) {
        Optional<JmhRow> one = enter(store, 1);
        Optional<JmhRow> many = enter(store, threads);
        String what = (store.equals("SQLITE") ? "SQLite" : store.equals("POSTGRES") ? "PostgreSQL" : store) + ": "
                + threads + " threads on "
                + threads + " locks, attempts/s / one thread";
        if (one.isPresent() && many.isPresent()) {
            Verdict.Interval r = one.get().nanosInterval().over(many.get().nanosInterval()).times(threads);
            goal(what, "≥ " + Fmt.num(target) + "×", ratio(r), threads + " × " + one.get().formatted() + " / "
                    + many.get().formatted() + " (per thread)", Verdict.atLeast(r, target));
        } else {
            goal(what, "≥ " + Fmt.num(target) + "×", "not measured", "", Verdict.UNKNOWN);
        }
    }

    private static String ratio(Verdict.Interval r) {
        return Fmt.num(r.value()) + "× [" + Fmt.num(r.lo()) + ", " + Fmt.num(r.hi()) + "]";
    }

    private static String interval(Verdict.Interval i, String unit) {
        return Fmt.num(i.value()) + unit + " [" + Fmt.num(i.lo()) + ", " + Fmt.num(i.hi()) + "]";
    }

    private void goal(String what, String target, String measured, String from, Verdict v) {
        md.append("| ").append(what).append(" | ").append(target).append(" | ").append(measured).append(" | ")
                .append(from).append(" | ").append(v.text()).append(" |\n");
    }

    private void headlines() {
        md.append("## Headline ratios (this run)\n\n");
        md.append("| ratio | target | measured | from | verdict |\n|---|---|---|---|---|\n");
        Optional<JmhRow> floor = find("VerifyBenchmark", "hmacFloor", "engine", "JDK");
        Optional<JmhRow> v1 = find("VerifyBenchmark", "verify", "codes", "1", "hit", "0.5", "engine", "JDK");
        if (v1.isPresent() && floor.isPresent()) {
            double r = ratio(v1.get().nanos(), floor.get().nanos());
            headline("full verify / bare HMAC (JDK, N = 1, hit 0.5)", "≤ 1.2", Fmt.ratio(r, ratioError(v1.get(), floor.get())),
                    v1.get().formatted() + " / " + floor.get().formatted(),
                    Verdict.atMost(v1.get().nanosInterval().over(floor.get().nanosInterval()), 1.2));
        } else {
            headline("full verify / bare HMAC", "≤ 1.2", "not measured", "", Verdict.UNKNOWN);
        }
        Optional<JmhRow> vMax = all("VerifyBenchmark", r -> r.method().equals("verify") && r.param("engine").equals("JDK")
                && r.param("hit").equals("0.5")).stream().max(Comparator.comparingInt(r -> Integer.parseInt(r.param("codes"))));
        if (v1.isPresent() && vMax.isPresent() && !vMax.get().param("codes").equals("1")) {
            double r = ratio(vMax.get().nanos(), v1.get().nanos());
            headline("verify at " + vMax.get().param("codes") + " codes / verify at 1 code (JDK, hit 0.5)", "≤ 1.15",
                    Fmt.ratio(r, ratioError(vMax.get(), v1.get())), vMax.get().formatted() + " / " + v1.get().formatted(),
                    vMax.get().param("codes").equals("1000000")
                            ? Verdict.atMost(vMax.get().nanosInterval().over(v1.get().nanosInterval()), 1.15)
                            : Verdict.UNKNOWN);
        } else {
            headline("verify at 1M codes / verify at 1 code", "≤ 1.15", "not measured", "", Verdict.UNKNOWN);
        }
        Optional<JmhRow> bcrypt = find("SlowHashPeers", "bcrypt", "codes", "10");
        Optional<JmhRow> v10 = find("VerifyBenchmark", "verify", "codes", "10", "hit", "0.5", "engine", "JDK");
        if (bcrypt.isPresent() && v10.isPresent()) {
            double r = ratio(bcrypt.get().nanos(), v10.get().nanos());
            headline("BCrypt-10 per-code check / our verify, N = 10 (how much faster we are)", "≥ 1e5×",
                    Fmt.ratio(r, ratioError(bcrypt.get(), v10.get())),
                    bcrypt.get().formatted() + " / " + v10.get().formatted(),
                    Verdict.atLeast(bcrypt.get().nanosInterval().over(v10.get().nanosInterval()), 1e5));
        } else {
            headline("BCrypt-10 per-code check / our verify, N = 10", "≥ 1e5×", "not measured in this run"
                    + (bcrypt.isEmpty() ? " (SlowHashPeers not included)" : ""), "", Verdict.UNKNOWN);
        }
        boolean any = false;
        for (String store : List.of("MEMORY", "SQLITE", "POSTGRES")) {
            Optional<Integer> h = all("EntryAttemptBenchmark", r -> r.method().equals("enter") && r.param("store").equals(store)
                    && r.param("config").equals("AXON_DEFAULT")).stream().map(r -> Integer.parseInt(r.param("history")))
                    .max(Integer::compare);
            if (h.isEmpty() || h.get() == 0) {
                continue;
            }
            String hs = String.valueOf(h.get());
            Optional<JmhRow> axon = find("EntryAttemptBenchmark", "enter", "store", store, "config", "AXON_DEFAULT", "history", hs);
            Optional<JmhRow> lib = find("EntryAttemptBenchmark", "enter", "store", store, "config", "LIBRARY_DEFAULT", "history", hs);
            if (axon.isPresent() && lib.isPresent()) {
                any = true;
                double r = ratio(axon.get().nanos(), lib.get().nanos());
                headline("entry attempts/s, cached (library default) / Axon default config, " + store + ", "
                        + String.format(Locale.ROOT, "%,d", h.get()) + "-attempt history", "≥ 1000×",
                        Fmt.ratio(r, ratioError(axon.get(), lib.get())),
                        axon.get().formatted() + " / " + lib.get().formatted(), h.get() >= 100_000
                                ? Verdict.atLeast(axon.get().nanosInterval().over(lib.get().nanosInterval()), 1000)
                                : Verdict.UNKNOWN);
            }
        }
        if (!any) {
            headline("entry attempts cached / Axon default, 100k-event lock", "≥ 1000×", "not measured", "", Verdict.UNKNOWN);
        }
        Optional<JmhRow> alone = find("IngestBenchmark", "verifyContinuation");
        for (JmhRow in : all("IngestBenchmark", r -> r.method().equals("ingest"))) {
            if (alone.isPresent() && events(in) != null && events(alone.get()) != null) {
                double r = events(in) / events(alone.get());
                headline("fleet ingest / verification alone (verifyContinuation), events/s, " + in.param("store"), "≥ 0.5×",
                        Fmt.ratio(r, eventsRatioError(in, alone.get())),
                        Fmt.num(events(in)) + " / " + Fmt.num(events(alone.get())) + " events/s",
                        Verdict.atLeast(eventsInterval(in).over(eventsInterval(alone.get())), 0.5));
            }
        }
        offlineHeadlines();
        md.append("\nA verdict of \"—\" means the run did not measure the ratio exactly as the target states "
                + "(e.g. a smaller history or table than the target names).\n\n");
    }

    /** A headline's row; its verdict from the same conservative interval as the goals' (never a point). */
    private void headline(String what, String target, String measured, String from, Verdict v) {
        md.append("| ").append(what).append(" | ").append(target).append(" | ").append(measured).append(" | ")
                .append(from).append(" | ").append(v.text()).append(" |\n");
    }

    /** Events per second of a row, with its error, as an interval. */
    private static Verdict.Interval eventsInterval(JmhRow r) {
        return Verdict.Interval.of(events(r), r.secondaryError().getOrDefault("events", Double.NaN));
    }

    private void verify() {
        List<JmhRow> v = all("VerifyBenchmark", r -> true);
        if (v.isEmpty()) {
            return;
        }
        md.append("## Verify: PIN → digest → table → slot (VerifyBenchmark, ns/op)\n\n");
        md.append("Ratios: to the bare HMAC floor of the same engine, and to the plaintext early-exit scan "
                + "(insecure, the Matter example lock's way) at the same N and hit ratio.\n\n");
        md.append("| method | engine | N codes | hit | score | / floor | / plaintext scan |\n|---|---|---|---|---|---|---|\n");
        List<JmhRow> sorted = new ArrayList<>(v);
        sorted.sort(Comparator.comparing(JmhRow::method).thenComparing(r -> r.param("engine"))
                .thenComparingInt(r -> codesOf(r)).thenComparing(r -> r.param("hit")));
        for (JmhRow r : sorted) {
            if (r.method().equals("verifyCold")) {
                continue;
            }
            String engine = r.param("engine").isEmpty() ? (r.method().startsWith("plain") ? "—" : "JDK") : r.param("engine");
            int n = codesOf(r);
            Optional<JmhRow> floor = find("VerifyBenchmark", r.method().contains("TwoThreads") ? "hmacFloorTwoThreads" : "hmacFloor",
                    "engine", engine.equals("—") ? "JDK" : engine);
            Optional<JmhRow> plain = n < 0 ? Optional.empty()
                    : find("VerifyBenchmark", "plaintextScan", "plainCodes", String.valueOf(n), "hit",
                            r.param("hit").isEmpty() ? "0.5" : r.param("hit"));
            md.append("| ").append(r.method()).append(r.threads() > 1 ? " (" + r.threads() + " threads)" : "")
                    .append(" | ").append(engine).append(" | ").append(n < 0 ? "—" : String.format(Locale.ROOT, "%,d", n))
                    .append(" | ").append(r.param("hit").isEmpty() ? "—" : r.param("hit")).append(" | ").append(r.formatted())
                    .append(" | ").append(floor.isPresent() && !r.method().startsWith("plain") ? Fmt.ratio(r.nanos() / floor.get().nanos()) : "—")
                    .append(" | ").append(plain.isPresent() && !r.method().equals("plaintextScan") ? Fmt.ratio(r.nanos() / plain.get().nanos()) : "—")
                    .append(" |\n");
        }
        List<JmhRow> cold = all("VerifyBenchmark", r -> r.method().equals("verifyCold"));
        if (!cold.isEmpty()) {
            Optional<JmhRow> warm = find("VerifyBenchmark", "verify", "codes", "1000", "hit", "0.5", "engine", "JDK");
            md.append("\nCold tables (`verifyCold`: 1k codes per lock, each lock its own key, one lock at random per check; "
                    + "JDK engine, hit 0.5):\n\n| resident locks | score | / warm verify (N = 1k) |\n|---|---|---|\n");
            cold.sort(Comparator.comparingInt(r -> Integer.parseInt(r.param("locks"))));
            for (JmhRow r : cold) {
                md.append("| ").append(r.param("locks")).append(" | ").append(r.formatted()).append(" | ")
                        .append(warm.map(w -> Fmt.ratio(r.nanos() / w.nanos())).orElse("—")).append(" |\n");
            }
        }
        List<JmhRow> two = all("VerifyBenchmark", r -> r.threads() > 1);
        if (!two.isEmpty()) {
            md.append("\nTwo threads: the score is per-thread time; verifications per second = 2 × 10^9 / score: ");
            md.append(two.stream().map(r -> r.method() + (r.param("engine").isEmpty() ? "" : " " + r.param("engine"))
                    + (r.param("sharedCodes").isEmpty() ? "" : " N=" + r.param("sharedCodes")) + " "
                    + Fmt.num(r.threads() * 1e9 / r.nanos()) + "/s").collect(Collectors.joining("; "))).append(".\n");
        }
        md.append("\n");
    }

    private static int codesOf(JmhRow r) {
        for (String k : new String[] {"codes", "strictCodes", "plainCodes", "sharedCodes"}) {
            if (!r.param(k).isEmpty()) {
                return Integer.parseInt(r.param(k));
            }
        }
        return -1;
    }

    private void digest() {
        List<JmhRow> d = all("DigestEngineBenchmark", r -> true);
        if (d.isEmpty()) {
            return;
        }
        md.append("## HMAC-SHA-256 implementations (DigestEngineBenchmark, ns/op)\n\n");
        md.append("| method | PIN length | score | / bare pad-state clone (floor) | / library JDK engine |\n|---|---|---|---|---|\n");
        d.sort(Comparator.comparing((JmhRow r) -> Integer.parseInt(r.param("pinLength"))).thenComparing(JmhRow::nanos));
        for (JmhRow r : d) {
            Optional<JmhRow> floor = find("DigestEngineBenchmark", "jdkPadStateClone", "pinLength", r.param("pinLength"));
            Optional<JmhRow> lib = find("DigestEngineBenchmark", "libraryJdk", "pinLength", r.param("pinLength"));
            md.append("| ").append(r.method()).append(" | ").append(r.param("pinLength")).append(" | ").append(r.formatted())
                    .append(" | ").append(floor.map(f -> Fmt.ratio(r.nanos() / f.nanos())).orElse("—"))
                    .append(" | ").append(lib.map(f -> Fmt.ratio(r.nanos() / f.nanos())).orElse("—")).append(" |\n");
        }
        md.append("\n");
    }

    private void compare() {
        List<JmhRow> c = all("CompareBenchmark", r -> true);
        if (c.isEmpty()) {
            return;
        }
        md.append("## Comparing 32 bytes (CompareBenchmark, ns/op)\n\n");
        md.append("| method | equal | differ at byte 0 | differ at byte 31 | spread (max/min) |\n|---|---|---|---|---|\n");
        Set<String> methods = c.stream().map(JmhRow::method).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String m : methods) {
            Optional<JmhRow> eq = find("CompareBenchmark", m, "difference", "NONE");
            Optional<JmhRow> first = find("CompareBenchmark", m, "difference", "FIRST_BYTE");
            Optional<JmhRow> last = find("CompareBenchmark", m, "difference", "LAST_BYTE");
            double max = 0;
            double min = Double.MAX_VALUE;
            for (Optional<JmhRow> o : List.of(eq, first, last)) {
                if (o.isPresent()) {
                    max = Math.max(max, o.get().nanos());
                    min = Math.min(min, o.get().nanos());
                }
            }
            md.append("| ").append(m).append(" | ").append(eq.map(JmhRow::formatted).orElse("—")).append(" | ")
                    .append(first.map(JmhRow::formatted).orElse("—")).append(" | ")
                    .append(last.map(JmhRow::formatted).orElse("—")).append(" | ").append(Fmt.ratio(max / min)).append(" |\n");
        }
        md.append("\nA spread near 1× is what constant time looks like at this resolution; "
                + "`Arrays.equals` is the non-constant-time reference. See the leak harness for a test with power.\n\n");
    }

    private void peers() {
        List<JmhRow> p = all("SlowHashPeers", r -> true);
        if (p.isEmpty()) {
            md.append("## Slow-hash peers\n\nNot in this run (opt-in: `run-quick.sh --slow-peers`, always in `run-full.sh`).\n\n");
            return;
        }
        md.append("## Per-code salted slow hashes (SlowHashPeers, a miss checks every code)\n\n");
        md.append("| method | N codes | score | per code | extrapolated 1k codes | 100k codes | 1M codes | / our verify at same N |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        p.sort(Comparator.comparing(JmhRow::method).thenComparingInt(r -> Integer.parseInt(r.param("codes"))));
        for (JmhRow r : p) {
            int n = Integer.parseInt(r.param("codes"));
            double perCodeNs = r.nanos() / n;
            Optional<JmhRow> ours = find("VerifyBenchmark", "verify", "codes", r.param("codes"), "hit", "0.5", "engine", "JDK");
            md.append("| ").append(r.method()).append(" | ").append(n).append(" | ").append(r.formatted()).append(" | ")
                    .append(Fmt.num(perCodeNs / 1e6)).append(" ms | ").append(seconds(perCodeNs * 1e3)).append(" | ")
                    .append(seconds(perCodeNs * 1e5)).append(" | ").append(seconds(perCodeNs * 1e6)).append(" | ")
                    .append(ours.map(o -> Fmt.ratio(r.nanos() / o.nanos())).orElse("—")).append(" |\n");
        }
        md.append("\nExtrapolation is linear (N × one hash): no index is possible when every code has its own salt.\n\n");
    }

    private static String seconds(double ns) {
        double s = ns / 1e9;
        if (s < 120) {
            return Fmt.num(s) + " s";
        }
        if (s < 7200) {
            return Fmt.num(s / 60) + " min";
        }
        return Fmt.num(s / 3600) + " h";
    }

    private void entry() {
        List<JmhRow> e = all("EntryAttemptBenchmark", r -> true);
        if (e.isEmpty()) {
            return;
        }
        md.append("## Entry attempts through AccessControl (EntryAttemptBenchmark)\n\n");
        md.append("Attempts/s = threads × 10^6 / score (µs). Ratios: speed-up over the Axon default configuration "
                + "(no cache, no snapshots) on the same store and history, and the cost over the store's raw "
                + "single-event append (the floor).\n\n");
        md.append("| store | config | history | threads | score | attempts/s | × faster than Axon default | / raw append floor |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        List<JmhRow> sorted = new ArrayList<>(e);
        sorted.removeIf(r -> r.method().equals("storeAppendFloor"));
        sorted.sort(Comparator.comparing((JmhRow r) -> r.param("store")).thenComparingInt(r -> Integer.parseInt(r.param("history")))
                .thenComparing(r -> r.param("config")).thenComparingInt(JmhRow::threads));
        for (JmhRow r : sorted) {
            Optional<JmhRow> axon = find("EntryAttemptBenchmark", r.method(), "store", r.param("store"), "config", "AXON_DEFAULT",
                    "history", r.param("history"));
            Optional<JmhRow> floor = find("EntryAttemptBenchmark", "storeAppendFloor", "store", r.param("store"));
            md.append("| ").append(r.param("store")).append(" | ").append(r.param("config")).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", Integer.parseInt(r.param("history")))).append(" | ")
                    .append(r.threads()).append(" | ").append(r.formatted()).append(" | ")
                    .append(Fmt.num(r.threads() * 1e9 / r.nanos())).append(" | ")
                    .append(axon.map(a -> Fmt.ratio(a.nanos() / r.nanos())).orElse("—")).append(" | ")
                    .append(floor.map(f -> Fmt.ratio(r.nanos() / f.nanos())).orElse("—")).append(" |\n");
        }
        List<JmhRow> floors = all("EntryAttemptBenchmark", r -> r.method().equals("storeAppendFloor"));
        if (!floors.isEmpty()) {
            md.append("\nRaw single-event append (the floor): ").append(floors.stream()
                    .map(r -> r.param("store") + " " + r.formatted()).collect(Collectors.joining("; "))).append(".\n");
        }
        md.append("\n");
    }

    private void coldStart() {
        List<JmhRow> c = all("ColdStartBenchmark", r -> true);
        if (c.isEmpty()) {
            return;
        }
        md.append("## Restart to first answered entry (ColdStartBenchmark, single shot, snapshots on)\n\n");
        md.append("`firstEntry`: open the store, start an AccessControl, answer the first entry, in a JVM that has "
                + "done it before (compiled code: the library's own work); its parts `openStore` and `openAndStart` "
                + "(the entry's share is the difference), and `openKeyRing` (not in the shot). `firstEntryInFreshJvm`: "
                + "the same shot as the first thing a new JVM does (class loading and interpretation included, JVM "
                + "boot excluded), one shot per fork: what a power cycle of the whole process adds.\n\n");
        md.append("| method | store | events | forks | score (mean of shots) | median |\n|---|---|---|---|---|---|\n");
        c.sort(Comparator.comparing((JmhRow r) -> r.param("store")).thenComparingInt((JmhRow r) -> Integer.parseInt(r.param("events")))
                .thenComparing(JmhRow::method));
        for (JmhRow r : c) {
            md.append("| ").append(r.method()).append(" | ").append(r.param("store")).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", Integer.parseInt(r.param("events")))).append(" | ")
                    .append(r.forks()).append(" | ").append(r.formatted()).append(" | ")
                    .append(Fmt.num(r.median())).append(" ").append(r.unit()).append(" |\n");
        }
        md.append("\n");
    }

    private void audit() {
        List<JmhRow> a = all("AuditBenchmark", r -> true);
        if (a.isEmpty()) {
            return;
        }
        md.append("## Audit throughput (AuditBenchmark)\n\n| operation | store | trail events | trails/s | events/s |\n|---|---|---|---|---|\n");
        a.sort(Comparator.comparing(JmhRow::method).thenComparing(r -> r.param("store")));
        for (JmhRow r : a) {
            Double ev = r.secondary().get("events");
            Double evErr = r.secondaryError().get("events");
            md.append("| ").append(r.method()).append(" | ").append(r.param("store").isEmpty() ? (r.method().equals("verify") ? "(the export)" : "(events in memory)")
                    : r.param("store"))
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", Integer.parseInt(r.param("events")))).append(" | ")
                    .append(r.formatted()).append(" | ")
                    .append(ev == null ? "—" : Fmt.num(ev) + (evErr == null || evErr.isNaN() ? "" : " ± " + Fmt.num(evErr)))
                    .append(" |\n");
        }
        md.append("\n");
    }

    private void ingest() {
        List<JmhRow> rows = all("IngestBenchmark", r -> true);
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Fleet ingest (IngestBenchmark)\n\n")
                .append("Events (trail lines) per second: `Fleet.ingest` of one segment (read, verify with the enrolled key, "
                        + "store all in one transaction) and, in the same run, the verification alone of the same segments. "
                        + "Ratios: ingest ÷ verification alone (goal ≥ 0.5 × `verifyContinuation`).\n\n")
                .append("| operation | store | segments (or trails)/s | events/s | ÷ verifyContinuation | ÷ verifyWholeTrail |\n")
                .append("|---|---|---|---|---|---|\n");
        Optional<JmhRow> cont = find("IngestBenchmark", "verifyContinuation");
        Optional<JmhRow> whole = find("IngestBenchmark", "verifyWholeTrail");
        rows.sort(Comparator.comparing(JmhRow::method).thenComparing(r -> r.param("store")));
        for (JmhRow r : rows) {
            Double ev = events(r);
            Double err = r.secondaryError().get("events");
            md.append("| ").append(r.method()).append(" | ").append(r.param("store").isEmpty() ? "—" : r.param("store"))
                    .append(" | ").append(r.formatted()).append(" | ")
                    .append(ev == null ? "—" : Fmt.num(ev) + (err == null || err.isNaN() ? "" : " ± " + Fmt.num(err)))
                    .append(" | ").append(eventsRatio(r, cont)).append(" | ").append(eventsRatio(r, whole)).append(" |\n");
        }
        md.append("\n");
        for (JmhRow floor : all("IngestBenchmark", r -> r.method().equals("storeFloor"))) {
            if (cont.isEmpty() || events(floor) == null || events(cont.get()) == null) {
                continue;
            }
            double v = events(cont.get());
            double bound = 1 / (1 / v + 1 / events(floor));
            String store = floor.param("store");
            md.append("- ").append(store).append(": verifying a line (").append(Fmt.num(v)).append(" events/s) and then ")
                    .append("storing it at the floor (").append(Fmt.num(events(floor))).append(" events/s), one after the ")
                    .append("other, allows at most ").append(Fmt.num(bound)).append(" events/s, ").append(Fmt.ratio(bound / v))
                    .append(" verification alone");
            for (JmhRow in : all("IngestBenchmark", r -> r.method().equals("ingest") && r.param("store").equals(store))) {
                if (events(in) != null) {
                    md.append("; ingest reaches ").append(Fmt.ratio(events(in) / bound)).append(" of that bound");
                }
            }
            md.append(".\n");
        }
        md.append("\n");
    }

    private static Double events(JmhRow r) {
        return r.secondary().get("events");
    }

    private static String eventsRatio(JmhRow r, Optional<JmhRow> base) {
        if (base.isEmpty() || events(r) == null || events(base.get()) == null) {
            return "—";
        }
        return Fmt.ratio(events(r) / events(base.get()), eventsRatioError(r, base.get()));
    }

    private static double eventsRatioError(JmhRow a, JmhRow b) {
        double r = events(a) / events(b);
        double ea = a.secondaryError().getOrDefault("events", Double.NaN) / events(a);
        double eb = b.secondaryError().getOrDefault("events", Double.NaN) / events(b);
        return r * Math.sqrt(ea * ea + eb * eb);
    }

    // ------------------------------------------------------------------ offline codes (issue #13)

    private static final String OFFLINE = "OfflineCodeBenchmark";
    /** Issue #13: checking one offline PIN, median under 5 ms. */
    private static final double OFFLINE_GOAL_NS = 5e6;

    /** The slower input's row of an offline check, or empty. */
    private Optional<JmhRow> slowerOffline(String method) {
        return all(OFFLINE, r -> r.method().equals(method)).stream().max(Comparator.comparingDouble(JmhRow::medianNanos));
    }

    private void offlineHeadlines() {
        if (all(OFFLINE, r -> true).isEmpty()) {
            return;
        }
        int at = md.length();
        String[][] checks = {{"checkWarm", "offline PIN check, warm hour (the keypad's normal case), median, slower input"},
            {"checkCold", "offline PIN check, cold (first in a new hour: every covering HMAC), median, slower input"}};
        for (String[] c : checks) {
            Optional<JmhRow> r = slowerOffline(c[0]);
            if (r.isPresent()) {
                headline(c[1] + " (" + r.get().param("input") + ")", "< 5 ms", time(r.get().medianNanos()),
                        "JMH sample time, " + r.get().forks() + " fork(s)",
                        r.get().medianNanos() < OFFLINE_GOAL_NS ? Verdict.MET : Verdict.MISSED);
            } else {
                headline(c[1], "< 5 ms", "not measured", "", Verdict.UNKNOWN);
            }
        }
        offlineText.append("| goal | target | measured | from | verdict |\n|---|---|---|---|---|\n")
                .append(md, at, md.length()).append("\n");
    }

    private void offline() {
        List<JmhRow> rows = all(OFFLINE, r -> true);
        if (rows.isEmpty()) {
            return;
        }
        int at = md.length();
        Optional<JmhRow> hmac = find(OFFLINE, "hmacFloor", "engine", "JDK");
        Optional<JmhRow> verify = find(OFFLINE, "verifyUserCode");
        Optional<JmhRow> enterUser = find(OFFLINE, "enterUserCode");
        md.append("## Offline codes (OfflineCodeBenchmark)\n\n")
                .append("Medians and percentiles over every sample of the run (sample-time mode; `identifyYear` over its "
                        + "single shots). Ratios divide medians measured in this same run: by the bare HMAC-SHA-256's (JDK "
                        + "pad-state clone, `hmacFloor`) and by the user-code counterpart's (`verifyUserCode` for the checks, "
                        + "`enterUserCode` for the entry). `timerFloor` is what sample-time mode adds to every sample "
                        + "(two `nanoTime()` reads): it inflates the sub-µs medians, so the ratios to the HMAC are a little low. "
                        + "Allocation per operation and GC count from `-prof gc`, when the run had it.\n\n")
                .append("| benchmark | input | median | p90 | p99 | mean ± error | median ÷ HMAC | median ÷ user-code counterpart | "
                        + "alloc/op | GCs |\n|---|---|---|---|---|---|---|---|---|---|\n");
        List<String> order = List.of("hmacFloor", "timerFloor", "verifyUserCode", "checkWarm", "checkCold", "enterUserCode",
                "enterOffline", "identifyYear");
        List<JmhRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt((JmhRow r) -> order.indexOf(r.method()) < 0 ? order.size() : order.indexOf(r.method()))
                .thenComparing(r -> r.param("engine"), Comparator.reverseOrder())
                .thenComparing(r -> r.param("input"), Comparator.reverseOrder()));
        for (JmhRow r : sorted) {
            Optional<JmhRow> counterpart = r.method().startsWith("check") ? verify
                    : r.method().equals("enterOffline") ? enterUser : Optional.empty();
            Double alloc = r.secondary().get("gc.alloc.rate.norm");
            Double gcs = r.secondary().get("gc.count");
            md.append("| ").append(r.method()).append(" | ")
                    .append(!r.param("input").isEmpty() ? r.param("input") : !r.param("engine").isEmpty() ? r.param("engine") : "—")
                    .append(" | **").append(time(r.medianNanos())).append("** | ").append(time(r.nanosAt(90.0))).append(" | ")
                    .append(time(r.nanosAt(99.0))).append(" | ").append(time(r.nanos()))
                    .append(Double.isNaN(r.error()) ? "" : " ± " + time(r.nanosError())).append(" | ")
                    .append(hmac.isPresent() && !r.method().equals("timerFloor")
                            ? Fmt.ratio(r.medianNanos() / hmac.get().medianNanos()) : "—").append(" | ")
                    .append(counterpart.map(c -> Fmt.ratio(r.medianNanos() / c.medianNanos())).orElse("—")).append(" | ")
                    .append(alloc == null ? "—" : bytes(Math.round(alloc))).append(" | ")
                    .append(gcs == null ? "—" : Fmt.num(gcs)).append(" |\n");
        }
        Optional<JmhRow> warmValid = find(OFFLINE, "checkWarm", "input", "VALID");
        Optional<JmhRow> warmInvalid = find(OFFLINE, "checkWarm", "input", "INVALID");
        if (warmValid.isPresent() && warmInvalid.isPresent()) {
            md.append("\nWarm check, valid vs invalid input: medians ").append(time(warmValid.get().medianNanos())).append(" vs ")
                    .append(time(warmInvalid.get().medianNanos())).append(" (").append(Fmt.ratio(warmValid.get().medianNanos()
                            / warmInvalid.get().medianNanos())).append("); the timing-leak harness's offline rows test "
                            + "the difference against their own A/A calibration.\n");
        }
        md.append("\n");
        offlineText.append(md, at, md.length());
    }

    /** Nanoseconds in the unit that suits them. */
    static String time(double ns) {
        if (Double.isNaN(ns)) {
            return "n/a";
        }
        if (ns < 1e3) {
            return Fmt.num(ns) + " ns";
        }
        if (ns < 1e6) {
            return Fmt.num(ns / 1e3) + " µs";
        }
        if (ns < 1e9) {
            return Fmt.num(ns / 1e6) + " ms";
        }
        return Fmt.num(ns / 1e9) + " s";
    }

    private void memory() {
        if (memory == null) {
            return;
        }
        md.append("## Retained heap per lock (MemoryFootprint, ").append(memory.path("jvm").asText()).append(")\n\n");
        md.append("| codes | LockState, JOL graph | LockState, heap delta | per code (JOL) | INDEXED table | STRICT table |\n"
                + "|---|---|---|---|---|---|\n");
        for (JsonNode r : memory.path("rows")) {
            int codes = r.path("codes").asInt();
            md.append("| ").append(String.format(Locale.ROOT, "%,d", codes)).append(" | ")
                    .append(bytes(r.path("stateBytesJol").asLong())).append(" | ")
                    .append(bytes(r.path("stateBytesHeapDelta").asLong())).append(" | ")
                    .append(Fmt.num((double) r.path("stateBytesJol").asLong() / codes)).append(" B | ")
                    .append(bytes(r.path("indexedTableBytes").asLong())).append(" | ")
                    .append(bytes(r.path("strictTableBytes").asLong())).append(" |\n");
        }
        md.append("\nBeside the time figures: a cached lock costs its LockState in heap; with the default cache of "
                + "10,000 locks multiply accordingly.\n\n");
    }

    private static String bytes(long b) {
        if (b >= 1 << 20) {
            return Fmt.num(b / 1048576.0) + " MiB";
        }
        if (b >= 1 << 10) {
            return Fmt.num(b / 1024.0) + " KiB";
        }
        return b + " B";
    }

    private void leak() {
        if (leak == null) {
            return;
        }
        md.append("## Timing-leak harness (dudect-style; ").append(String.format(Locale.ROOT, "%,d",
                leak.path("samples").asLong())).append(" measurements per test)\n\n");
        md.append("| test | class A | class B | mean A ns | mean B ns | median A ns | median B ns | max \\|t\\| | verdict |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode t : leak.path("tests")) {
            md.append("| ").append(t.path("name").asText()).append(" | ").append(t.path("classA").asText()).append(" | ")
                    .append(t.path("classB").asText()).append(" | ").append(Fmt.num(t.path("meanA").asDouble())).append(" | ")
                    .append(Fmt.num(t.path("meanB").asDouble())).append(" | ").append(Fmt.num(t.path("medianA").asDouble())).append(" | ")
                    .append(Fmt.num(t.path("medianB").asDouble())).append(" | ").append(Fmt.num(t.path("maxT").asDouble()))
                    .append(" | ").append(t.path("verdict").asText())
                    .append(t.path("control").asBoolean() ? (t.path("ok").asBoolean() ? " (control, flagged as required)"
                            : " (**control not flagged: no power**)") : "").append(" |\n");
        }
        md.append("\n|t| < 4.5 pass, 4.5–10 inconclusive, ≥ 10 leak; max over raw and cropped (p50–p99) samples; "
                + "means and medians per call. The A/A rows measure the harness itself: classes that cannot differ "
                + "in what the code does. A flag no larger than the A/A rows' is not evidence about the code. "
                + "Statistical evidence for these inputs on this machine and JIT, not a proof (see the module README).\n\n");
    }

    private void charts(Path prefix) throws IOException {
        md.append("## Charts\n\n");
        List<Charts.Series> series = new ArrayList<>();
        addSeries(series, "verify INDEXED, JDK", r -> r.method().equals("verify") && r.param("engine").equals("JDK"), "codes");
        addSeries(series, "verify INDEXED, BC", r -> r.method().equals("verify") && r.param("engine").equals("BOUNCY_CASTLE"), "codes");
        addSeries(series, "verify STRICT, JDK", r -> r.method().equals("verifyStrict") && r.param("engine").equals("JDK"), "strictCodes");
        addSeries(series, "verify STRICT, BC", r -> r.method().equals("verifyStrict") && r.param("engine").equals("BOUNCY_CASTLE"), "strictCodes");
        addSeries(series, "plaintext early-exit scan", r -> r.method().equals("plaintextScan"), "plainCodes");
        for (String engine : List.of("JDK", "BOUNCY_CASTLE")) {
            find("VerifyBenchmark", "hmacFloor", "engine", engine).ifPresent(f -> series.add(new Charts.Series(
                    "bare HMAC floor, " + (engine.equals("JDK") ? "JDK" : "BC"), List.<double[]>of(new double[] {1, f.nanos()}), true)));
        }
        if (series.stream().anyMatch(s -> !s.flat())) {
            Path png = Path.of(prefix + "-verify.png");
            Charts.lines(png, "Verify one PIN vs number of stored codes (hit ratio 0.5)", "stored codes (log)",
                    "ns per check (log)", series);
            md.append("![verify time vs codes](").append(png.getFileName()).append(")\n\n");
        }
        Map<String, Map<String, Double>> groups = Charts.groups();
        List<JmhRow> entries = all("EntryAttemptBenchmark", r -> r.method().equals("enter"));
        entries.sort(Comparator.comparing((JmhRow r) -> r.param("store")).thenComparingInt(r -> Integer.parseInt(r.param("history"))));
        for (JmhRow r : entries) {
            String g = r.param("store") + "\nhistory " + compact(Integer.parseInt(r.param("history")));
            groups.computeIfAbsent(g, k -> new LinkedHashMap<>()).put(r.param("config"), r.threads() * 1e9 / r.nanos());
        }
        for (JmhRow f : all("EntryAttemptBenchmark", r -> r.method().equals("storeAppendFloor"))) {
            groups.computeIfAbsent(f.param("store") + "\nraw append", k -> new LinkedHashMap<>())
                    .put("raw store append (floor)", 1e9 / f.nanos());
        }
        if (!groups.isEmpty()) {
            Path png = Path.of(prefix + "-entry.png");
            Charts.bars(png, "Entry attempts per second, one thread (log scale)", "attempts/s (log)", groups);
            md.append("![entry attempts per second](").append(png.getFileName()).append(")\n\n");
        }
    }

    private static String compact(int n) {
        return n >= 1_000_000 && n % 1_000_000 == 0 ? n / 1_000_000 + "M" : n >= 1000 && n % 1000 == 0 ? n / 1000 + "k" : String.valueOf(n);
    }

    private void addSeries(List<Charts.Series> out, String name, Predicate<JmhRow> p, String codesParam) {
        List<double[]> pts = all("VerifyBenchmark", r -> p.test(r) && r.param("hit").equals("0.5")).stream()
                .map(r -> new double[] {Double.parseDouble(r.param(codesParam)), r.nanos()})
                .sorted(Comparator.comparingDouble(a -> a[0])).collect(Collectors.toList());
        if (!pts.isEmpty()) {
            out.add(new Charts.Series(name, pts, false));
        }
    }
}
