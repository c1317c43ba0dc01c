package dev.access.core.domain;

/** Something the lock's hardware reports. */
public enum DeviceEventKind {
    /** The bolt jammed; raises {@link AlarmCode#LOCK_JAMMED}. */
    JAMMED,
    /** The door was forced open; raises {@link AlarmCode#DOOR_FORCED_OPEN}. */
    DOOR_FORCED,
    /** The housing was tampered with; raises {@link AlarmCode#FRONT_ESCUTCHEON_REMOVED}. */
    TAMPER,
    /** The lock restarted (a power cycle); raises {@link AlarmCode#LOCK_POWER_CYCLED}. */
    RESTARTED;

    /** The alarm this device event raises. */
    public AlarmCode alarm() {
        switch (this) {
            case JAMMED:
                return AlarmCode.LOCK_JAMMED;
            case DOOR_FORCED:
                return AlarmCode.DOOR_FORCED_OPEN;
            case TAMPER:
                return AlarmCode.FRONT_ESCUTCHEON_REMOVED;
            default:
                return AlarmCode.LOCK_POWER_CYCLED;
        }
    }
}
