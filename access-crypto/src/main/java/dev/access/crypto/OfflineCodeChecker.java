package dev.access.crypto;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks typed PINs against one lock's offline codes (one issuing key), at the lock.
 *
 * <p>Guarantees: {@link #check} does the same work for every input of the offline length at a
 * given moment: it compares the input with the PIN of every validity covering that moment
 * ({@link OfflineCodes#forEachCovering}), all of them, with branch-free comparisons, and selects the
 * first match's id and validity with masks while reading every entry (no lookup at the matched
 * index afterwards), then builds the answer the same way for a match and a miss. The PINs covering the current hour are computed once per hour
 * (at most {@link OfflineCodes#MAX_COVERING} HMACs) and held in memory, like the key itself.
 * Holds no plaintext PIN after a call returns; {@link #toString()} shows no key.
 */
public final class OfflineCodeChecker {
    private final String lockId;
    private final int digits;
    private final ZoneId zone;
    private final byte[][] pads;
    private volatile Hour cached;

    /**
     * The codes covering one hour of one local day, as parallel arrays the check reads in full for
     * every input: PIN values, ids (tag bytes 8 to 15), and each validity packed into two longs
     * ({@code start << 32 | end}, and kind, one-time flag, variant and daily hours).
     */
    private record Hour(long utcHour, long localDay, int localHour, long[] pins, long[] ids, long[] spans,
            long[] shapes) {
    }

    OfflineCodeChecker(String lockId, byte[] issuingKey, int digits, ZoneId zone) {
        this.lockId = lockId;
        this.digits = OfflineCodes.requireDigits(digits);
        this.zone = zone;
        this.pads = OfflineTagger.pads(issuingKey);
    }

    /** The offline PIN length. */
    public int digits() {
        return digits;
    }

    /** The lock's time zone (for daily hours). */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The offline code {@code pin} is, if it opens at {@code at} by its validity (revocation and
     * one-time use are the lock's state, checked by the caller). Constant work per input.
     *
     * @throws PinRejectedException if the PIN does not have the offline length
     */
    public Optional<OfflineCodeMatch> check(PinCode pin, Instant at) {
        long value = valueOf(pin);
        Hour hour = hour(at);
        long[] pins = hour.pins;
        if (pins.length == 0) {
            return Optional.empty(); // nothing covers this moment (a clock near 1970): the same for every input
        }
        long[] ids = hour.ids;
        long[] spans = hour.spans;
        long[] shapes = hour.shapes;
        // Every entry is read and compared; the first match's fields are selected with masks, so
        // neither the loop nor what follows it depends on whether or where the input matched.
        long id = ids[0];
        long span = spans[0];
        long shape = shapes[0];
        long hit = 0;
        for (int i = 0; i < pins.length; i++) {
            long d = pins[i] ^ value;
            long equal = ((d | -d) >>> 63) ^ 1L;
            long take = -(equal & (hit ^ 1L));
            id = (id & ~take) | (ids[i] & take);
            span = (span & ~take) | (spans[i] & take);
            shape = (shape & ~take) | (shapes[i] & take);
            hit |= equal;
        }
        OfflineCodeMatch match = new OfflineCodeMatch(unpack(span, shape), OfflineCodes.codeId(id));
        // Both answers exist before one is picked by index, so a miss allocates what a match does.
        @SuppressWarnings("unchecked")
        Optional<OfflineCodeMatch>[] answers = new Optional[] {Optional.empty(), Optional.of(match)};
        return answers[(int) hit];
    }

    private static long pack(OfflineValidity v) {
        return (v.kind() == OfflineValidity.Kind.PLAIN ? 0L : 1L) | (v.oneTime() ? 2L : 0L)
                | ((long) v.variant() << 8) | ((long) v.dailyStartHour() << 16) | ((long) v.dailyHours() << 24);
    }

    private static OfflineValidity unpack(long span, long shape) {
        return new OfflineValidity((shape & 1L) == 0 ? OfflineValidity.Kind.PLAIN : OfflineValidity.Kind.DAILY,
                span >>> 32, span & 0xFFFF_FFFFL, (shape & 2L) != 0, (int) (shape >>> 16) & 0xFF,
                (int) (shape >>> 24) & 0xFF, (int) (shape >>> 8) & 0xFF);
    }

    /**
     * Every offline code {@code pin} is that opens at some moment in {@code [from, until)}: for
     * revoking a code by its PIN and for diagnosis (not constant work; about a second for a year).
     */
    public List<OfflineCodeMatch> identify(PinCode pin, Instant from, Instant until) {
        long value = valueOf(pin);
        List<OfflineCodeMatch> out = new ArrayList<>();
        OfflineTagger tagger = new OfflineTagger(pads);
        try {
            OfflineCodes.forEachIntersecting(from, until, zone, v -> {
                tagger.tag(v, digits);
                if (tagger.pinValue(digits) == value) {
                    out.add(new OfflineCodeMatch(v, OfflineCodes.codeId(tagger.idValue())));
                }
            });
        } finally {
            tagger.wipe();
        }
        return out;
    }

    private long valueOf(PinCode pin) {
        byte[] d = pin.digits();
        if (d.length != digits) {
            throw new PinRejectedException(d.length < digits ? PinRule.TOO_SHORT : PinRule.TOO_LONG, d.length,
                    "an offline code has " + digits + " digits");
        }
        long value = 0;
        int bad = 0;
        for (byte b : d) {
            int digit = b - '0';
            bad |= digit | (9 - digit);
            value = value * 10 + digit;
        }
        if (bad < 0) {
            throw new PinRejectedException(PinRule.NOT_DIGITS, d.length, "an offline code holds digits only");
        }
        return value;
    }

    private Hour hour(Instant at) {
        long utcHour = Math.floorDiv(at.getEpochSecond(), 3600);
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        long day = local.toLocalDate().toEpochDay();
        int localHour = local.getHour();
        Hour h = cached;
        if (h != null && h.utcHour == utcHour && h.localDay == day && h.localHour == localHour) {
            return h;
        }
        List<OfflineValidity> list = new ArrayList<>(OfflineCodes.MAX_COVERING);
        OfflineCodes.forEachCovering(at, zone, list::add);
        long[] pins = new long[list.size()];
        long[] ids = new long[list.size()];
        long[] spans = new long[list.size()];
        long[] shapes = new long[list.size()];
        OfflineTagger tagger = new OfflineTagger(pads);
        try {
            for (int i = 0; i < pins.length; i++) {
                OfflineValidity v = list.get(i);
                tagger.tag(v, digits);
                pins[i] = tagger.pinValue(digits);
                ids[i] = tagger.idValue();
                spans[i] = (v.start() << 32) | v.end();
                shapes[i] = pack(v);
            }
        } finally {
            tagger.wipe();
        }
        h = new Hour(utcHour, day, localHour, pins, ids, spans, shapes);
        cached = h;
        return h;
    }

    /**
     * Computes a code's PIN and id (issuing), refusing a PIN that another validity opening during its
     * window shares (about a second for the longest window).
     *
     * @throws OfflineCodeCollisionException if it does: issue another variant
     */
    IssuedOfflineCode issue(OfflineValidity validity) {
        return code(validity, true);
    }

    /** A validity's code without the collision check. */
    IssuedOfflineCode derive(OfflineValidity validity) {
        return code(validity, false);
    }

    private IssuedOfflineCode code(OfflineValidity validity, boolean check) {
        validity.requireIssuable();
        OfflineTagger tagger = new OfflineTagger(pads);
        tagger.tag(validity, digits);
        long value = tagger.pinValue(digits);
        String id = OfflineCodes.codeId(tagger.idValue());
        tagger.wipe();
        if (check && sharesPin(validity, value)) {
            throw new OfflineCodeCollisionException(validity);
        }
        char[] pin = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            pin[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return new IssuedOfflineCode(pin, id, lockId, validity, zone);
    }

    /**
     * Whether another validity that opens at some moment of {@code validity}'s window has the PIN
     * value {@code value} (then the lock could take one for the other: see docs/offline-codes.md §9).
     */
    private boolean sharesPin(OfflineValidity validity, long value) {
        boolean[] other = {false};
        OfflineTagger tagger = new OfflineTagger(pads);
        try {
            OfflineCodes.forEachIntersecting(validity.from(zone), validity.until(zone), zone, v -> {
                if (!other[0] && !v.equals(validity)) {
                    tagger.tag(v, digits);
                    other[0] = tagger.pinValue(digits) == value;
                }
            });
        } finally {
            tagger.wipe();
        }
        return other[0];
    }

    /** Redacted. */
    @Override
    public String toString() {
        return "OfflineCodeChecker[" + lockId + ", " + digits + " digits, " + zone + ", key redacted]";
    }
}
