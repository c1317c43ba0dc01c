package dev.access.core.domain;

/** An alarm the lock raises, as Matter's Door Lock {@code AlarmCodeEnum}. */
public enum AlarmCode {
    /** The bolt jammed (Matter 0). */
    LOCK_JAMMED(0),
    /** The lock was factory reset (Matter 1). */
    LOCK_FACTORY_RESET(1),
    /** The lock restarted (power cycle) (Matter 3, LockRadioPowerCycled). */
    LOCK_POWER_CYCLED(3),
    /** Too many wrong codes: a lockout started (Matter 4, WrongCodeEntryLimit). */
    WRONG_CODE_ENTRY_LIMIT(4),
    /** The front escutcheon was removed: tamper (Matter 5). */
    FRONT_ESCUTCHEON_REMOVED(5),
    /** The door was forced open (Matter 6). */
    DOOR_FORCED_OPEN(6),
    /** A duress (forced user) code was used: silent alarm (Matter 8, ForcedUser). */
    FORCED_USER(8);

    private final int matterValue;

    AlarmCode(int matterValue) {
        this.matterValue = matterValue;
    }

    /** The value of Matter's {@code AlarmCodeEnum}. */
    public int matterValue() {
        return matterValue;
    }
}
