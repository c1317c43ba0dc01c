package dev.access.core.domain;

/** The kind of user a credential belongs to, as Matter's Door Lock {@code UserTypeEnum}. */
public enum UserType {
    /** Opens at any time, subject only to its own rules (Matter 0, UnrestrictedUser). */
    UNRESTRICTED(0),
    /** Must carry a validity window (Matter 1, YearDayScheduleUser). */
    YEAR_DAY_SCHEDULE(1),
    /** Must carry at least one week-day schedule (Matter 2, WeekDayScheduleUser). */
    WEEK_DAY_SCHEDULE(2),
    /** The master (programming) code, slot 0 only (Matter 3, ProgrammingUser). */
    PROGRAMMING(3),
    /** Recorded, never opens (Matter 4, NonAccessUser). */
    NON_ACCESS(4),
    /** Duress: opens and raises a silent alarm (Matter 5, ForcedUser). */
    FORCED(5),
    /** One use, then used up (Matter 6, DisposableUser). */
    DISPOSABLE(6),
    /** Usable for a set time after its first use (Matter 7, ExpiringUser). */
    EXPIRING(7),
    /** Must carry a schedule or a validity window (Matter 8, ScheduleRestrictedUser). */
    SCHEDULE_RESTRICTED(8),
    /** Opens only through a remote source, never from the keypad (Matter 9, RemoteOnlyUser). */
    REMOTE_ONLY(9),
    /**
     * An offline code (no slot): issued away from the lock with its issuing key, checked at the
     * keypad. Not a Matter user type: {@link #matterValue()} is -1.
     */
    OFFLINE(-1);

    private final int matterValue;

    UserType(int matterValue) {
        this.matterValue = matterValue;
    }

    /** The value of Matter's {@code UserTypeEnum} (-1 for {@link #OFFLINE}, which Matter does not have). */
    public int matterValue() {
        return matterValue;
    }
}
