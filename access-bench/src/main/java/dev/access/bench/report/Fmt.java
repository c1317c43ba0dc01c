package dev.access.bench.report;

import java.util.Locale;

/** Number formatting for the report. */
final class Fmt {
    private Fmt() {
    }

    /** Three significant digits, thousands separated; scientific beyond 10^9. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (a == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A ratio such as "1.12×" or "3.4e+05×". */
    static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "n/a";
        }
        if (r >= 1e5) {
            return String.format(Locale.ROOT, "%.2e×", r);
        }
        return num(r) + "×";
    }

    /** A ratio with its propagated error. */
    static String ratio(double r, double err) {
        if (Double.isNaN(err) || Double.isNaN(r)) {
            return ratio(r);
        }
        if (r >= 1e5) {
            return String.format(Locale.ROOT, "%.2e× (± %.1e)", r, err);
        }
        return ratio(r) + " (± " + num(err) + ")";
    }
}
