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
 * ({@link OfflineCodes#forEachCovering}), all of them, with branch-free comparisons, and keeps the
 * first match without stopping. The PINs covering the current hour are computed once per hour
 * (at most {@link OfflineCodes#MAX_COVERING} HMACs) and held in memory, like the key itself.
 * Holds no plaintext PIN after a call returns; {@link #toString()} shows no key.
 */
public final class OfflineCodeChecker {
    private final String lockId;
    private final int digits;
    private final ZoneId zone;
    private final byte[][] pads;
    private volatile Hour cached;

    /** The codes covering one hour of one local day: their PIN values and tags' ids. */
    private record Hour(long utcHour, long localDay, int localHour, long[] pins, OfflineValidity[] validities,
            long[] ids) {
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
        int found = 0;
        int hit = 0;
        for (int i = 0; i < pins.length; i++) {
            long d = pins[i] ^ value;
            int equal = (int) (((d | -d) >>> 63) ^ 1L);
            int take = -(equal & (hit ^ 1));
            found = (found & ~take) | (i & take);
            hit |= equal;
        }
        if (hit == 0) {
            return Optional.empty();
        }
        return Optional.of(new OfflineCodeMatch(hour.validities[found], OfflineCodes.codeId(hour.ids[found])));
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
        OfflineTagger tagger = new OfflineTagger(pads);
        try {
            for (int i = 0; i < pins.length; i++) {
                tagger.tag(list.get(i), digits);
                pins[i] = tagger.pinValue(digits);
                ids[i] = tagger.idValue();
            }
        } finally {
            tagger.wipe();
        }
        h = new Hour(utcHour, day, localHour, pins, list.toArray(new OfflineValidity[0]), ids);
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
        validity.requireIssuable();
        OfflineTagger tagger = new OfflineTagger(pads);
        tagger.tag(validity, digits);
        long value = tagger.pinValue(digits);
        String id = OfflineCodes.codeId(tagger.idValue());
        tagger.wipe();
        if (sharesPin(validity, value)) {
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
