package dev.access.crypto;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * An offline code just issued: its PIN (to hand to the guest, then wipe), its public id and the
 * validity it really has.
 *
 * <p>Guarantees: {@link #toString()} never shows the PIN; {@link #wipe()} overwrites it.
 */
public final class IssuedOfflineCode implements AutoCloseable {
    private final char[] pin;
    private final String codeId;
    private final String lockId;
    private final OfflineValidity validity;
    private final ZoneId zone;

    IssuedOfflineCode(char[] pin, String codeId, String lockId, OfflineValidity validity, ZoneId zone) {
        this.pin = pin;
        this.codeId = codeId;
        this.lockId = lockId;
        this.validity = validity;
        this.zone = zone;
    }

    /** A copy of the PIN's digits (the caller wipes it). */
    public char[] pin() {
        return pin.clone();
    }

    /** The code's public id (derived from its tag; reveals nothing about the PIN). */
    public String codeId() {
        return codeId;
    }

    /** The lock it opens. */
    public String lockId() {
        return lockId;
    }

    /** The validity it really has (on the grid, inside what was asked). */
    public OfflineValidity validity() {
        return validity;
    }

    /** The first instant it opens. */
    public Instant from() {
        return validity.from(zone);
    }

    /** The instant after which it never opens again. */
    public Instant until() {
        return validity.until(zone);
    }

    /** Overwrites the PIN. */
    public void wipe() {
        Arrays.fill(pin, '\0');
    }

    @Override
    public void close() {
        wipe();
    }

    /** Redacted: the id and window, never the PIN. */
    @Override
    public String toString() {
        return "IssuedOfflineCode[" + codeId + ", " + lockId + ", " + from() + " to " + until()
                + (validity.oneTime() ? ", one-time" : "") + (validity.dailyText() == null ? ""
                        : ", daily " + validity.dailyText()) + ", PIN redacted]";
    }
}
