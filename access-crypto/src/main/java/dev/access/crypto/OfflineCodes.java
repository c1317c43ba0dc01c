package dev.access.crypto;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The offline-code algorithm (specified in {@code docs/offline-codes.md}): the grid of validities
 * an issuer may give, how a request is fitted onto it, and the message each code's PIN and id are
 * derived from.
 *
 * <p>A code's 32-byte tag is HMAC-SHA-256(issuing key, "access/offline-code/v1" ‖ 0x00 ‖ the
 * validity's 16-byte message); its PIN is the tag's first 8 bytes (big-endian, unsigned) modulo
 * 10^digits, written with leading zeros; its public id is the hex of the tag's next 8 bytes. A lock
 * checks a typed PIN against every validity that covers the moment ({@link #forEachCovering}):
 * at most {@link #MAX_COVERING} of them, so one random input opens with probability at most
 * {@code MAX_COVERING / 10^digits} (9.24 × 10⁻⁷ at 10 digits).
 */
public final class OfflineCodes {
    /** The offline PIN length a lock uses unless configured otherwise. */
    public static final int DEFAULT_DIGITS = 10;
    /** The shortest offline PIN length: the one the guessing bound is stated for. */
    public static final int MIN_DIGITS = 10;
    /** The longest offline PIN length (the tag's 64 bits hold 18 decimal digits without bias to speak of). */
    public static final int MAX_DIGITS = 16;
    /** The longest window a request may ask for. */
    public static final java.time.Duration MAX_REQUEST = java.time.Duration.ofDays(366);
    /** How far after the moment of issuing a code's window may start (issuers refuse later starts). */
    public static final java.time.Duration MAX_LEAD = java.time.Duration.ofDays(366);

    /** Plain windows: {grid in hours, fewest grid units, most grid units}, grids from 1970-01-01T00:00Z. */
    static final int[][] PLAIN_TIERS = {{1, 1, 12}, {4, 4, 12}, {16, 4, 12}, {64, 4, 12}, {256, 4, 12}, {1024, 4, 8}};
    /** Daily codes' days: {grid in days, fewest, most}, grids from Monday 1970-01-05. */
    static final int[][] DAY_TIERS = {{1, 1, 7}, {7, 2, 6}, {28, 2, 4}, {91, 2, 4}};
    /** The day the daily grids start from (a Monday), as an epoch day. */
    static final long DAY_ORIGIN = 4;
    /** How many hours a daily code may open each day. */
    static final int[] DAILY_LENGTHS = {1, 2, 3, 4, 6, 8, 10, 12};
    /** Codes per plain validity and one-time flag. */
    static final int PLAIN_VARIANTS = 4;
    /** Codes per daily validity (daily codes are never one-time). */
    static final int DAILY_VARIANTS = 2;
    /** The most validities (with their variants) that cover any one moment. */
    public static final int MAX_COVERING = maxCovering();

    private static final byte[] LABEL = Bytes.concat(Bytes.utf8("access/offline-code/v1"), new byte[] {0});

    private OfflineCodes() {
    }

    /** How many codes an issuer can give for the same window and options (plain windows: 4; daily: 2). */
    public static int variants(boolean daily) {
        return daily ? DAILY_VARIANTS : PLAIN_VARIANTS;
    }

    /** The HMAC label every code tag starts with. */
    static byte[] label() {
        return LABEL.clone();
    }

    /** The 16-byte message a validity's tag is computed over, for a PIN of {@code digits} digits. */
    static byte[] message(OfflineValidity v, int digits) {
        return message(v, digits, new byte[16]);
    }

    /** Writes the 16-byte message into {@code m} and returns it. */
    static byte[] message(OfflineValidity v, int digits, byte[] m) {
        m[0] = (byte) (v.kind() == OfflineValidity.Kind.PLAIN ? 1 : 2);
        m[1] = (byte) (v.oneTime() ? 1 : 0);
        m[2] = (byte) v.variant();
        m[3] = (byte) digits;
        putInt(m, 4, v.start());
        putInt(m, 8, v.end());
        m[12] = (byte) v.dailyStartHour();
        m[13] = (byte) v.dailyHours();
        m[14] = 0;
        m[15] = 0;
        return m;
    }

    private static void putInt(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /** The PIN value of a tag: its first 8 bytes, unsigned, modulo 10^digits. */
    static long pinValue(byte[] tag, int digits) {
        return Long.remainderUnsigned(Bytes.longAt(tag, 0), POW10[digits]);
    }

    /** The public id of a tag from its bytes 8 to 15 (big-endian): 16 lowercase hex digits. */
    static String codeId(long tagBytes8to15) {
        // All 16 nibbles, always: the same work for every value (String.format's work varies with it).
        char[] hex = new char[16];
        for (int i = 0; i < 16; i++) {
            int nibble = (int) (tagBytes8to15 >>> (60 - 4 * i)) & 0xF;
            hex[i] = (char) ('0' + nibble + (((9 - nibble) >> 31) & ('a' - '0' - 10)));
        }
        return new String(hex);
    }

    /** Whether {@code text} has the shape of a code id (16 lowercase hex digits). */
    public static boolean isCodeId(String text) {
        return text != null && text.matches("[0-9a-f]{16}");
    }

    static final long[] POW10 = powers();

    private static long[] powers() {
        long[] p = new long[19];
        p[0] = 1;
        for (int i = 1; i < p.length; i++) {
            p[i] = p[i - 1] * 10;
        }
        return p;
    }

    /** Checks an offline PIN length. */
    public static int requireDigits(int digits) {
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            throw new IllegalArgumentException("an offline code has " + MIN_DIGITS + " to " + MAX_DIGITS
                    + " digits, got " + digits);
        }
        return digits;
    }

    static void requireOnGrid(OfflineValidity v) {
        if (v.kind() == OfflineValidity.Kind.PLAIN) {
            if (v.variant() >= PLAIN_VARIANTS) {
                throw new IllegalArgumentException("a plain window has variants 0 to " + (PLAIN_VARIANTS - 1)
                        + ", got " + v.variant());
            }
            if (!onGrid(PLAIN_TIERS, 0, v.start(), v.end())) {
                throw new IllegalArgumentException("the window " + v.from(ZoneId.of("UTC")) + " to "
                        + v.until(ZoneId.of("UTC")) + " is not on the offline-code grid");
            }
            return;
        }
        if (v.oneTime()) {
            throw new IllegalArgumentException("a daily code cannot be one-time: give a one-time code a plain window");
        }
        if (v.variant() >= DAILY_VARIANTS) {
            throw new IllegalArgumentException("a daily code has variants 0 to " + (DAILY_VARIANTS - 1) + ", got "
                    + v.variant());
        }
        if (java.util.Arrays.stream(DAILY_LENGTHS).noneMatch(h -> h == v.dailyHours())) {
            throw new IllegalArgumentException("a daily code opens 1, 2, 3, 4, 6, 8, 10 or 12 hours a day, got "
                    + v.dailyHours());
        }
        if (!onGrid(DAY_TIERS, DAY_ORIGIN, v.start(), v.end())) {
            throw new IllegalArgumentException("the days " + LocalDate.ofEpochDay(v.start()) + " to "
                    + LocalDate.ofEpochDay(v.end() - 1) + " are not on the offline-code grid");
        }
    }

    /** Whether [start, end) is a window of one of {@code tiers} (aligned to its grid, a length it allows). */
    private static boolean onGrid(int[][] tiers, long origin, long start, long end) {
        for (int t = 0; t < tiers.length; t++) {
            long g = tiers[t][0];
            long units = (end - start) / g;
            if (Math.floorMod(start - origin, g) == 0 && (end - start) % g == 0 && units >= tiers[t][1]
                    && units <= tiers[t][2]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The longest plain window on the grid inside {@code [from, until)} (the earliest of equal ones).
     *
     * @throws IllegalArgumentException if the request is longer than {@link #MAX_REQUEST}, ends
     *     before it starts, or holds no whole UTC hour
     */
    public static OfflineValidity fitPlain(Instant from, Instant until, boolean oneTime, int variant) {
        requireRequest(from, until);
        long fromHour = Math.floorDiv(from.getEpochSecond() + 3599, 3600);
        if (from.getEpochSecond() % 3600 == 0 && from.getNano() > 0) {
            fromHour++;
        }
        long untilHour = Math.floorDiv(until.getEpochSecond(), 3600);
        long[] best = fit(PLAIN_TIERS, 0, fromHour, untilHour);
        if (best == null) {
            throw new IllegalArgumentException("the window " + from + " to " + until + " holds no whole UTC hour");
        }
        return new OfflineValidity(OfflineValidity.Kind.PLAIN, best[0], best[1], oneTime, 0, 0, variant)
                .requireIssuable();
    }

    /**
     * A daily code inside {@code [from, until)}: each local day whose opening hours lie wholly in the
     * request, fitted onto the day grid, opening from the first whole hour at or after
     * {@code dailyFrom} for the longest allowed length that ends by {@code dailyUntil}
     * ({@code dailyUntil} may be 24:00, written {@code LocalTime.MAX} or {@code 00:00}).
     *
     * @throws IllegalArgumentException if the daily hours hold less than one whole hour or cross
     *     midnight, or no whole day fits
     */
    public static OfflineValidity fitDaily(Instant from, Instant until, LocalTime dailyFrom, LocalTime dailyUntil,
            ZoneId zone, int variant) {
        requireRequest(from, until);
        int startHour = dailyFrom.getHour() + (dailyFrom.getMinute() > 0 || dailyFrom.getSecond() > 0
                || dailyFrom.getNano() > 0 ? 1 : 0);
        int endHour = dailyUntil.equals(LocalTime.MIDNIGHT) || dailyUntil.equals(LocalTime.MAX) ? 24
                : dailyUntil.getHour();
        if (!dailyUntil.equals(LocalTime.MIDNIGHT) && !dailyUntil.equals(LocalTime.MAX)
                && dailyUntil.isBefore(dailyFrom)) {
            throw new IllegalArgumentException("daily hours " + dailyFrom + "-" + dailyUntil
                    + " cross midnight: give such a code a plain window");
        }
        int room = endHour - startHour;
        int hours = 0;
        for (int h : DAILY_LENGTHS) {
            if (h <= room) {
                hours = h;
            }
        }
        if (hours == 0) {
            throw new IllegalArgumentException("daily hours " + dailyFrom + "-" + dailyUntil
                    + " hold no whole hour");
        }
        LocalDate first = LocalDateTime.ofInstant(from, zone).toLocalDate();
        if (opening(first, startHour, zone).isBefore(from)) {
            first = first.plusDays(1);
        }
        LocalDate last = LocalDateTime.ofInstant(until, zone).toLocalDate();
        if (closing(last, startHour + hours, zone).isAfter(until)) {
            last = last.minusDays(1);
        }
        long[] best = last.isBefore(first) ? null : fit(DAY_TIERS, DAY_ORIGIN, first.toEpochDay(),
                last.toEpochDay() + 1);
        if (best == null) {
            throw new IllegalArgumentException("no whole day's hours " + String.format("%02d:00-%02d:00", startHour,
                    startHour + hours) + " lie between " + from + " and " + until);
        }
        return new OfflineValidity(OfflineValidity.Kind.DAILY, best[0], best[1], false, startHour, hours, variant)
                .requireIssuable();
    }

    private static Instant opening(LocalDate day, int hour, ZoneId zone) {
        return ZonedDateTime.of(day, LocalTime.of(hour, 0), zone).toInstant();
    }

    private static Instant closing(LocalDate day, int hour, ZoneId zone) {
        return hour == 24 ? ZonedDateTime.of(day.plusDays(1).atStartOfDay(), zone).toInstant()
                : ZonedDateTime.of(day, LocalTime.of(hour, 0), zone).toInstant();
    }

    private static void requireRequest(Instant from, Instant until) {
        if (from == null || until == null) {
            throw new IllegalArgumentException("an offline code needs a start and an end");
        }
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("an offline code's window must end after it starts, got " + from
                    + " to " + until);
        }
        if (java.time.Duration.between(from, until).compareTo(MAX_REQUEST) > 0) {
            throw new IllegalArgumentException("an offline code's window is at most 366 days, got " + from + " to "
                    + until);
        }
    }

    /**
     * The longest grid window inside [lo, hi); null if none. A tier's lengths all exceed the tier
     * before it ({@link #PLAIN_TIERS}, {@link #DAY_TIERS}), so the last tier that fits gives the
     * longest window, and two tiers never tie.
     */
    private static long[] fit(int[][] tiers, long origin, long lo, long hi) {
        for (int t = tiers.length - 1; t >= 0; t--) {
            long g = tiers[t][0];
            long s = origin + Math.floorDiv(lo - origin + g - 1, g) * g;
            long e = origin + Math.floorDiv(hi - origin, g) * g;
            long units = Math.min((e - s) / g, tiers[t][2]); // negative or 0 when nothing fits
            if (units >= tiers[t][1]) {
                return new long[] {s, s + units * g};
            }
        }
        return null;
    }

    /**
     * Calls {@code sink} with every issuable validity (every variant) that covers {@code t} in the
     * lock's zone, always in the same order: plain windows by tier, length, start, one-time flag,
     * variant; then daily codes by day tier, days, first day, daily length, start hour, variant.
     * Windows that would start before 1970 (hour or day 0) do not exist and are skipped, so a lock
     * whose clock fell back to 1970 finds few or no codes instead of failing.
     */
    public static void forEachCovering(Instant t, ZoneId zone, Consumer<OfflineValidity> sink) {
        long hour = Math.floorDiv(t.getEpochSecond(), 3600);
        for (int[] tier : PLAIN_TIERS) {
            long g = tier[0];
            long cell = Math.floorDiv(hour, g) * g;
            for (int units = tier[1]; units <= tier[2]; units++) {
                for (int back = units - 1; back >= 0; back--) {
                    long start = cell - back * g;
                    if (start >= 0) {
                        plainVariants(start, start + units * g, sink);
                    }
                }
            }
        }
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        long day = local.toLocalDate().toEpochDay();
        int h = local.getHour();
        for (int[] tier : DAY_TIERS) {
            long g = tier[0];
            long cell = DAY_ORIGIN + Math.floorDiv(day - DAY_ORIGIN, g) * g;
            for (int units = tier[1]; units <= tier[2]; units++) {
                for (int back = units - 1; back >= 0; back--) {
                    long start = cell - back * g;
                    if (start < 0) {
                        continue;
                    }
                    for (int len : DAILY_LENGTHS) {
                        for (int a = Math.max(0, h - len + 1); a <= Math.min(h, 24 - len); a++) {
                            for (int v = 0; v < DAILY_VARIANTS; v++) {
                                sink.accept(new OfflineValidity(OfflineValidity.Kind.DAILY, start, start + units * g,
                                        false, a, len, v));
                            }
                        }
                    }
                }
            }
        }
    }

    private static void plainVariants(long start, long end, Consumer<OfflineValidity> sink) {
        for (int once = 0; once < 2; once++) {
            for (int v = 0; v < PLAIN_VARIANTS; v++) {
                sink.accept(new OfflineValidity(OfflineValidity.Kind.PLAIN, start, end, once == 1, 0, 0, v));
            }
        }
    }

    /**
     * Every issuable validity that opens at some moment in {@code [from, until)} (for identifying a
     * typed PIN when revoking or diagnosing; not constant work).
     */
    public static List<OfflineValidity> intersecting(Instant from, Instant until, ZoneId zone) {
        List<OfflineValidity> out = new ArrayList<>();
        forEachIntersecting(from, until, zone, out::add);
        return out;
    }

    /** Calls {@code out} with every validity {@link #intersecting} returns, without collecting them. */
    public static void forEachIntersecting(Instant from, Instant until, ZoneId zone, Consumer<OfflineValidity> out) {
        long lo = Math.floorDiv(from.getEpochSecond(), 3600);
        long hi = Math.floorDiv(until.getEpochSecond() + 3599, 3600);
        for (int[] tier : PLAIN_TIERS) {
            long g = tier[0];
            for (int units = tier[1]; units <= tier[2]; units++) {
                long len = units * g;
                for (long start = Math.floorDiv(lo - len, g) * g; start < hi; start += g) {
                    if (start + len > lo && start >= 0) {
                        plainVariants(start, start + len, out);
                    }
                }
            }
        }
        long dlo = LocalDateTime.ofInstant(from, zone).toLocalDate().toEpochDay();
        long dhi = LocalDateTime.ofInstant(until, zone).toLocalDate().toEpochDay() + 1;
        for (int[] tier : DAY_TIERS) {
            long g = tier[0];
            for (int units = tier[1]; units <= tier[2]; units++) {
                long len = units * g;
                for (long start = DAY_ORIGIN + Math.floorDiv(dlo - len - DAY_ORIGIN, g) * g; start < dhi; start += g) {
                    if (start + len <= dlo || start < 0) {
                        continue;
                    }
                    for (int hours : DAILY_LENGTHS) {
                        for (int a = 0; a + hours <= 24; a++) {
                            for (int v = 0; v < DAILY_VARIANTS; v++) {
                                out.accept(new OfflineValidity(OfflineValidity.Kind.DAILY, start, start + len, false,
                                        a, hours, v));
                            }
                        }
                    }
                }
            }
        }
    }

    private static int maxCovering() {
        int plain = 0;
        for (int[] tier : PLAIN_TIERS) {
            for (int u = tier[1]; u <= tier[2]; u++) {
                plain += u;
            }
        }
        int days = 0;
        for (int[] tier : DAY_TIERS) {
            for (int u = tier[1]; u <= tier[2]; u++) {
                days += u;
            }
        }
        int hours = 0;
        for (int len : DAILY_LENGTHS) {
            hours += len;
        }
        return plain * 2 * PLAIN_VARIANTS + days * hours * DAILY_VARIANTS;
    }

    /** The most PINs of {@code digits} digits that open at any one moment, over all PINs of that length. */
    public static double guessingBound(int digits) {
        return MAX_COVERING / Math.pow(10, requireDigits(digits));
    }
}
