package dev.access.core.domain;

import dev.access.crypto.LockIds;

/**
 * A lock's identity: 1 to 64 characters from {@code A-Z a-z 0-9 . _ : -}.
 *
 * @param value the id
 */
public record LockId(String value) {
    /** Validates the value, naming it when it is not a valid id. */
    public LockId {
        LockIds.requireValid(value);
    }

    /** The lock id {@code value}. */
    public static LockId of(String value) {
        return new LockId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
