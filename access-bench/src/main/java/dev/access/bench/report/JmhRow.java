package dev.access.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH result (a benchmark method with one set of parameters), as read from JMH's JSON.
 *
 * @param benchmarkClass the simple class name, e.g. {@code VerifyBenchmark}
 * @param method the method name
 * @param mode {@code avgt}, {@code thrpt}, {@code ss}, …
 * @param threads threads that ran it
 * @param forks forks
 * @param params the {@code @Param} values
 * @param score the primary score
 * @param error the primary score's error (99.9 % half-width; NaN with too few iterations)
 * @param unit e.g. {@code ns/op}
 * @param median the median of the iteration scores
 * @param secondary secondary metrics' scores (e.g. AuxCounters), by name
 * @param secondaryError their errors
 * @param percentiles the score's percentiles by percent (e.g. {@code 50.0}, {@code 99.0}), in {@code unit};
 *     sample-time and single-shot modes over all samples, other modes over the iteration scores
 */
public record JmhRow(String benchmarkClass, String method, String mode, int threads, int forks,
        Map<String, String> params, double score, double error, String unit, double median,
        Map<String, Double> secondary, Map<String, Double> secondaryError, Map<Double, Double> percentiles) {

    /** Parses JMH's JSON array. */
    public static List<JmhRow> parse(JsonNode array) {
        List<JmhRow> rows = new ArrayList<>();
        for (JsonNode n : array) {
            String full = n.path("benchmark").asText();
            int dot = full.lastIndexOf('.');
            String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode p = n.path("params");
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                params.put(e.getKey(), e.getValue().asText());
            }
            JsonNode pm = n.path("primaryMetric");
            Map<String, Double> sec = new LinkedHashMap<>();
            Map<String, Double> secErr = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.path("secondaryMetrics").properties()) {
                // Older JMH versions prefix profiler metrics with a middle dot.
                String key = e.getKey().startsWith("\u00b7") ? e.getKey().substring(1) : e.getKey();
                sec.put(key, e.getValue().path("score").asDouble());
                secErr.put(key, number(e.getValue().path("scoreError")));
            }
            Map<Double, Double> pct = new java.util.TreeMap<>();
            for (Map.Entry<String, JsonNode> e : pm.path("scorePercentiles").properties()) {
                pct.put(Double.parseDouble(e.getKey()), e.getValue().asDouble());
            }
            rows.add(new JmhRow(cls, full.substring(dot + 1), n.path("mode").asText(), n.path("threads").asInt(1),
                    n.path("forks").asInt(), params, pm.path("score").asDouble(), number(pm.path("scoreError")),
                    pm.path("scoreUnit").asText(), pm.path("scorePercentiles").path("50.0").asDouble(Double.NaN), sec,
                    secErr, pct));
        }
        return rows;
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /** Whether every given parameter has the given value. */
    public boolean has(Map<String, String> wanted) {
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!e.getValue().equals(params.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** A parameter's value, or "". */
    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** The score in nanoseconds per operation (time modes only). */
    public double nanos() {
        return score * nanosPer(unit);
    }

    /** A percentile of the score in nanoseconds per operation (NaN if JMH gave none). */
    public double nanosAt(double percent) {
        Double v = percentiles.get(percent);
        return v == null ? Double.NaN : v * nanosPer(unit);
    }

    /** The median in nanoseconds per operation. */
    public double medianNanos() {
        return median * nanosPer(unit);
    }

    /** The error in nanoseconds per operation. */
    public double nanosError() {
        return error * nanosPer(unit);
    }

    static double nanosPer(String unit) {
        switch (unit) {
            case "ns/op":
                return 1;
            case "us/op":
                return 1e3;
            case "ms/op":
                return 1e6;
            case "s/op":
                return 1e9;
            default:
                throw new IllegalArgumentException("not a time unit: " + unit);
        }
    }

    /** "score ± error unit", with a sensible number of digits. */
    public String formatted() {
        return Fmt.num(score) + (Double.isNaN(error) ? "" : " ± " + Fmt.num(error)) + " " + unit
                + (noisy() ? " ⚠" : "");
    }

    /** Whether the 99.9 % error exceeds 10 % of the score (the report marks such rows with ⚠). */
    public boolean noisy() {
        return !Double.isNaN(error) && Math.abs(error) > 0.10 * Math.abs(score);
    }

    /** The score ± its error, in nanoseconds per operation (time modes). */
    public Verdict.Interval nanosInterval() {
        return Verdict.Interval.of(nanos(), nanosError());
    }
}
