package dev.access.bench.report;

/**
 * A goal's verdict from an interval, never from a point: "met" only when the whole interval lies
 * on the goal's side of the target, "missed" only when the whole of it lies on the other side, and
 * no verdict when it straddles the target or has no error estimate.
 *
 * <p>Intervals come from JMH's 99.9 % error (score ± error). A ratio {@code a / b} of two such
 * scores gets the conservative interval {@code [(a - ea) / (b + eb), (a + ea) / (b - eb)]}: every
 * ratio the two intervals allow lies inside it.
 */
public enum Verdict {
    /** The whole interval is on the goal's side of the target. */
    MET("met"),
    /** The whole interval is on the wrong side of the target. */
    MISSED("**missed**"),
    /** The interval contains the target: the run cannot tell. */
    STRADDLES("no verdict (interval straddles the target)"),
    /** No error estimate (too few iterations), or the figure was not measured as the goal states. */
    UNKNOWN("—");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** The verdict as the report prints it. */
    public String text() {
        return text;
    }

    /** A closed interval {@code [lo, hi]}; NaN bounds when there is no error estimate. */
    public record Interval(double value, double lo, double hi) {
        /** {@code value ± error}. */
        public static Interval of(double value, double error) {
            return new Interval(value, value - error, value + error);
        }

        /** A figure without error (a count, a deterministic measurement). */
        public static Interval exact(double value) {
            return new Interval(value, value, value);
        }

        /** The conservative interval of {@code a / b}. */
        public Interval over(Interval b) {
            double l = b.hi <= 0 ? Double.NaN : lo / b.hi;
            double h = b.lo <= 0 ? Double.POSITIVE_INFINITY : hi / b.lo;
            return new Interval(value / b.value, l, h);
        }

        /** This interval multiplied by a constant. */
        public Interval times(double k) {
            return new Interval(value * k, lo * k, hi * k);
        }

        /** The half-width relative to the value (0.05 = ± 5 %); NaN without an error. */
        public double relativeError() {
            return (hi - lo) / 2 / Math.abs(value);
        }

        boolean known() {
            return !Double.isNaN(lo) && !Double.isNaN(hi) && !Double.isNaN(value);
        }
    }

    /** Verdict for a goal "at most {@code target}". */
    public static Verdict atMost(Interval i, double target) {
        if (!i.known()) {
            return UNKNOWN;
        }
        return i.hi <= target ? MET : i.lo > target ? MISSED : STRADDLES;
    }

    /** Verdict for a goal "at least {@code target}". */
    public static Verdict atLeast(Interval i, double target) {
        if (!i.known()) {
            return UNKNOWN;
        }
        return i.lo >= target ? MET : i.hi < target ? MISSED : STRADDLES;
    }
}
