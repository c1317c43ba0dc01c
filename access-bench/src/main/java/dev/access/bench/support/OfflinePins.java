package dev.access.bench.support;

import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.OfflineCodeChecker;
import dev.access.crypto.OfflineCodes;
import dev.access.crypto.OfflineIssuingKey;
import dev.access.crypto.OfflineValidity;
import dev.access.crypto.PinCode;
import dev.access.crypto.PinPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/*
 * Implementation notes.
 *
 * How many validities cover a moment depends only on the local hour (the plain tiers always give
 * the same count; a daily code of length L starting at hour a covers hour h when a <= h < a + L and
 * a + L <= 24). Every daily length, 12 hours included, has all its starts at local hours 11 and 12,
 * so those two hours have the most: OfflineCodes.MAX_COVERING. AT and NEXT_HOUR are 11:30 and 12:30
 * in Berlin on a winter day, so a warm check compares with the most PINs there are, and a check
 * that alternates between them recomputes the most HMACs there are on every call.
 */
/**
 * One lock's offline-code issuing key and the checker the lock holds, with typed PINs against it
 * (valid ones issued with the key, invalid ones drawn at random and checked to open nowhere near),
 * for {@code OfflineCodeBenchmark} and the timing-leak harness. The PINs live in clear in this
 * fixture's arrays: benchmark data, never a real lock's.
 */
public final class OfflinePins {
    /** The benchmark lock's time zone (daily codes are local to it). */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** The offline PIN length (the library's default). */
    public static final int DIGITS = OfflineCodes.DEFAULT_DIGITS;
    /** The keypad's policy for a PIN of the offline length, as {@code AccessControl} builds it. */
    public static final PinPolicy POLICY = PinPolicy.defaults().withLengths(DIGITS, DIGITS);
    /** Local 11:30 on a winter day in {@link #ZONE}: an hour covered by the most validities. */
    public static final Instant AT = Instant.parse("2032-01-14T10:30:00Z");
    /** Local 12:30 the same day: the next hour, also covered by the most validities. */
    public static final Instant NEXT_HOUR = AT.plus(Duration.ofHours(1));

    private final OfflineIssuingKey key;
    private final OfflineCodeChecker checker;
    private final List<OfflineValidity> covering;
    private final Set<Long> openNearAt;

    private OfflinePins(OfflineIssuingKey key, OfflineCodeChecker checker) {
        this.key = key;
        this.checker = checker;
        this.covering = covering(AT);
        Set<Long> open = new HashSet<>();
        for (Instant t : new Instant[] {AT.minus(Duration.ofHours(1)), AT, NEXT_HOUR, NEXT_HOUR.plus(Duration.ofHours(1))}) {
            for (OfflineValidity v : covering(t)) {
                open.add(value(pin(v)));
            }
        }
        this.openNearAt = open;
    }

    /** A fresh in-memory key ring with lock {@code lockId}'s first epoch, its issuing key and checker. */
    public static OfflinePins create(String lockId) {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        int epoch = ring.createEpoch(lockId);
        return new OfflinePins(ring.offlineIssuingKey(lockId, epoch, 1, DIGITS, ZONE),
                ring.offlineCodeChecker(lockId, epoch, 1, DIGITS, ZONE));
    }

    /** The checker, as the lock's key ring hands it to the keypad. */
    public OfflineCodeChecker checker() {
        return checker;
    }

    /** The issuing key (what an issuer holds). */
    public OfflineIssuingKey key() {
        return key;
    }

    /** Every validity covering {@code t}, in the order the checker compares them. */
    public static List<OfflineValidity> covering(Instant t) {
        List<OfflineValidity> out = new ArrayList<>(OfflineCodes.MAX_COVERING);
        OfflineCodes.forEachCovering(t, ZONE, out::add);
        return out;
    }

    /** The validities covering {@link #AT}, in the checker's order. */
    public List<OfflineValidity> coveringAt() {
        return covering;
    }

    /** A validity's PIN as typed (ASCII digits). */
    public byte[] pin(OfflineValidity v) {
        try (IssuedOfflineCode code = key.derive(v)) {
            char[] c = code.pin();
            byte[] b = new byte[c.length];
            for (int i = 0; i < c.length; i++) {
                b[i] = (byte) c[i];
            }
            Arrays.fill(c, '\0');
            return b;
        }
    }

    /**
     * {@code count} PINs that open at both {@link #AT} and {@link #NEXT_HOUR}, of validities spread
     * evenly over the checker's order at {@link #AT} (so matches fall early, midway and late).
     */
    public byte[][] validBothHours(int count) {
        List<OfflineValidity> both = new ArrayList<>();
        for (OfflineValidity v : covering) {
            if (v.covers(NEXT_HOUR, ZONE)) {
                both.add(v);
            }
        }
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            out[i] = pin(both.get((int) ((long) i * both.size() / count)));
        }
        return out;
    }

    /**
     * {@code count} PINs of the validities at positions {@code from} (inclusive) to {@code to}
     * (exclusive) of the checker's order at {@link #AT}, cycling through them.
     */
    public byte[][] validAtPositions(int from, int to, int count) {
        if (from < 0 || to > covering.size() || from >= to) {
            throw new IllegalArgumentException("positions " + from + ".." + to + " outside 0.." + covering.size());
        }
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            out[i] = pin(covering.get(from + i % (to - from)));
        }
        return out;
    }

    /**
     * {@code count} PINs of the offline length drawn at random that open at no moment from an hour
     * before {@link #AT} to an hour after {@link #NEXT_HOUR}: what a guesser types.
     */
    public byte[][] invalid(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long space = (long) Math.pow(10, DIGITS);
        byte[][] out = new byte[count][];
        int n = 0;
        while (n < count) {
            long v = r.nextLong(space);
            if (!openNearAt.contains(v)) {
                out[n++] = digits(v);
            }
        }
        return out;
    }

    /** Whether the checker opens for {@code typed} at {@code t} (its validity only: no revocation or use). */
    public boolean opens(byte[] typed, Instant t) {
        try (PinCode pin = PinCode.of(typed, POLICY)) {
            return checker.check(pin, t).isPresent();
        }
    }

    /** Fresh copies of {@code pins}, each its own array, allocated one after another. */
    public static byte[][] copies(byte[][] pins) {
        byte[][] out = new byte[pins.length][];
        for (int i = 0; i < pins.length; i++) {
            out[i] = pins[i].clone();
        }
        return out;
    }

    private static long value(byte[] digits) {
        long v = 0;
        for (byte b : digits) {
            v = v * 10 + (b - '0');
        }
        return v;
    }

    private static byte[] digits(long v) {
        byte[] out = new byte[DIGITS];
        for (int k = DIGITS - 1; k >= 0; k--) {
            out[k] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return out;
    }
}
