package dev.access.core.audit;

import dev.access.core.audit.Finding.Code;
import dev.access.core.domain.BatteryLevel;
import dev.access.core.domain.OfflineCode;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.TimeWindow;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The typed parameters of one {@link Finding}, one record per situation; what every finding has
 * (its instant, zone, since, until and evidence) is in the finding itself.
 *
 * <p>A {@link FindingRenderer} turns a finding into words by the type of its detail. Where a record
 * says "the finding's since" or "until", the value is {@link Finding#since()} or
 * {@link Finding#until()}. No detail holds a PIN, digest or commitment.
 */
public sealed interface FindingDetail {
    /** What the finding is about. */
    Code code();

    /**
     * Who did what the finding rests on, as people read it ("alice via local": who removed,
     * changed, suspended or erased the code, reset the lock, or set the mode), or null when the
     * finding names no one or the trail does not say.
     */
    default String by() {
        return null;
    }

    /**
     * This detail without personal names: a code is named by its slot and user type only, and
     * nobody is named as having set a mode, removed, changed, suspended or erased a code, or reset
     * the lock. What a bundle that leaves the household holds.
     */
    default FindingDetail withoutNames() {
        FindingDetail d = this;
        if (d instanceof ModeOn) {
            return new ModeOn(((ModeOn) d).mode(), null);
        }
        if (d instanceof FactoryReset) {
            return new FactoryReset(((FactoryReset) d).commissionedAgain(), ((FactoryReset) d).commissionedAt(), null);
        }
        if (d instanceof OfflineRevoked o && o.by() != null) {
            return new OfflineRevoked(o.offlineCode(), o.generation(), o.batch(), o.backend(), null);
        }
        if (!(d instanceof AboutCode)) {
            return d;
        }
        Slot s = ((AboutCode) d).slot().withoutName();
        if (d instanceof Removed) {
            return new Removed(s, ((Removed) d).typedPin(), null);
        }
        if (d instanceof Replaced) {
            return new Replaced(s, ((Replaced) d).typedPin(), ((Replaced) d).typedPinSetAt(), null);
        }
        if (d instanceof Erased) {
            return new Erased(s, ((Erased) d).typedPin(), null);
        }
        if (d instanceof Suspended) {
            return new Suspended(s, null);
        }
        if (d instanceof NonAccess) {
            return new NonAccess(s);
        }
        if (d instanceof RemoteOnly) {
            return new RemoteOnly(s);
        }
        if (d instanceof UsedUp) {
            return new UsedUp(s, ((UsedUp) d).uses(), ((UsedUp) d).limit());
        }
        if (d instanceof Expired) {
            return new Expired(s, ((Expired) d).afterFirstUse(), ((Expired) d).firstUsedAt());
        }
        if (d instanceof NotYetValid) {
            return new NotYetValid(s);
        }
        if (d instanceof Excluded) {
            return new Excluded(s, ((Excluded) d).window());
        }
        if (d instanceof OffSchedule) {
            return new OffSchedule(s, ((OffSchedule) d).schedules());
        }
        if (d instanceof CodeOk) {
            return new CodeOk(s);
        }
        throw new IllegalStateException("a detail about a code without its anonymous form: " + d.code());
    }

    /**
     * A code of the lock as the trail names it.
     *
     * @param number the slot
     * @param name the name the code was added with, as people read it ("(erased)" once its holder
     *     was erased), or null
     * @param type the code's user type, or null if the trail does not say
     */
    record Slot(int number, String name, UserType type) {
        /** The same code known by its slot and user type only. */
        public Slot withoutName() {
            return new Slot(number, null, type);
        }
    }

    /** A detail about one code of the lock. */
    sealed interface AboutCode extends FindingDetail {
        /** The code. */
        Slot slot();
    }

    /** The lock was never commissioned up to the finding's instant. */
    record NotCommissioned() implements FindingDetail {
        @Override
        public Code code() {
            return Code.NOT_COMMISSIONED;
        }
    }

    /**
     * A factory reset at the finding's since erased every code.
     *
     * @param commissionedAgain whether the lock was commissioned again (false: no code can open it)
     * @param commissionedAt when it was last commissioned, or null
     * @param by who reset it ("alice via local"), or null if the trail does not say
     */
    record FactoryReset(boolean commissionedAgain, Instant commissionedAt, String by) implements FindingDetail {
        /** A reset whose actor the trail does not name. */
        public FactoryReset(boolean commissionedAgain, Instant commissionedAt) {
            this(commissionedAgain, commissionedAt, null);
        }

        @Override
        public Code code() {
            return Code.FACTORY_RESET;
        }
    }

    /**
     * The keypad is locked out (since the finding's since, if known) until the finding's until.
     *
     * @param failures the wrong codes in a row that started it, or null if the trail does not say
     */
    record LockedOut(Integer failures) implements FindingDetail {
        @Override
        public Code code() {
            return Code.LOCKED_OUT;
        }
    }

    /**
     * The keypad is disabled since the finding's since.
     *
     * @param failuresInLastDay the wrong codes within 24 hours that disabled it, or null if the trail does not say
     * @param dailyBudget the wrong codes the lock allows in any 24 hours
     */
    record KeypadDisabled(Integer failuresInLastDay, int dailyBudget) implements FindingDetail {
        @Override
        public Code code() {
            return Code.KEYPAD_DISABLED;
        }
    }

    /**
     * A mode that refuses entries is on (since the finding's since, if known).
     *
     * @param mode privacy, vacation or no-remote
     * @param setBy who set it as people read it ("alice via remote"; an old trail's free text), or null
     */
    record ModeOn(OperatingMode mode, String setBy) implements FindingDetail {
        /** Requires a mode that refuses entries. */
        public ModeOn {
            if (mode != OperatingMode.PRIVACY && mode != OperatingMode.VACATION && mode != OperatingMode.NO_REMOTE) {
                throw new IllegalArgumentException("not a mode that refuses entries: " + mode);
            }
        }

        /** Who set the mode: {@link #setBy()}. */
        @Override
        public String by() {
            return setBy;
        }

        @Override
        public Code code() {
            return mode == OperatingMode.PRIVACY ? Code.PRIVACY_MODE
                    : mode == OperatingMode.VACATION ? Code.VACATION_MODE : Code.NO_REMOTE_MODE;
        }
    }

    /**
     * The battery is low or critical (since the finding's since, if known).
     *
     * @param level low or critical
     * @param percent the last reported level, or null
     */
    record Battery(BatteryLevel level, Integer percent) implements FindingDetail {
        /** Requires a low or critical level. */
        public Battery {
            if (level != BatteryLevel.LOW && level != BatteryLevel.CRITICAL) {
                throw new IllegalArgumentException("not a low or critical battery: " + level);
            }
        }

        @Override
        public Code code() {
            return level == BatteryLevel.CRITICAL ? Code.BATTERY_CRITICAL : Code.BATTERY_LOW;
        }
    }

    /**
     * The typed code has a length the keypad never accepts.
     *
     * @param typedDigits the digits typed
     * @param minDigits the shortest code the keypad accepts
     * @param maxDigits the longest
     * @param offlineDigits the length of the lock's offline codes, or 0 if it takes none
     */
    record WrongLength(int typedDigits, int minDigits, int maxDigits, int offlineDigits) implements FindingDetail {
        /** A wrong length at a lock that takes no offline codes. */
        public WrongLength(int typedDigits, int minDigits, int maxDigits) {
            this(typedDigits, minDigits, maxDigits, 0);
        }

        @Override
        public Code code() {
            return Code.WRONG_LENGTH;
        }
    }

    /**
     * The typed PIN matches no code added or changed up to the finding's instant.
     *
     * @param compared the codes it was compared with
     * @param resetAt the last factory reset (older codes cannot be compared), or null
     */
    record UnknownPin(int compared, Instant resetAt) implements FindingDetail {
        @Override
        public Code code() {
            return Code.UNKNOWN_CODE;
        }
    }

    /**
     * The slot never held a code up to the finding's instant.
     *
     * @param slot the slot asked about
     */
    record EmptySlot(int slot) implements FindingDetail {
        @Override
        public Code code() {
            return Code.UNKNOWN_CODE;
        }
    }

    /**
     * The code was removed at the finding's since.
     *
     * @param slot the code
     * @param typedPin whether the typed PIN led to it (else the slot was asked about)
     * @param by who removed it ("alice via local"), or null if the trail does not say
     */
    record Removed(Slot slot, boolean typedPin, String by) implements AboutCode {
        /** A removal whose actor the trail does not name. */
        public Removed(Slot slot, boolean typedPin) {
            this(slot, typedPin, null);
        }

        @Override
        public Code code() {
            return Code.REMOVED;
        }
    }

    /**
     * The code's PIN was changed at the finding's since: the old PIN no longer opens.
     *
     * @param slot the code
     * @param typedPin whether the typed PIN is the old one (else the slot was asked about)
     * @param typedPinSetAt when the typed (old) PIN was set, or null if the slot was asked about
     * @param by who changed it ("alice via local"), or null if the trail does not say
     */
    record Replaced(Slot slot, boolean typedPin, Instant typedPinSetAt, String by) implements AboutCode {
        /** A change whose actor the trail does not name. */
        public Replaced(Slot slot, boolean typedPin, Instant typedPinSetAt) {
            this(slot, typedPin, typedPinSetAt, null);
        }

        @Override
        public Code code() {
            return Code.REPLACED;
        }
    }

    /**
     * The factory reset at the finding's since erased the code.
     *
     * @param slot the code
     * @param typedPin whether the typed PIN led to it (else the slot was asked about)
     * @param by who reset the lock ("alice via local"), or null if the trail does not say
     */
    record Erased(Slot slot, boolean typedPin, String by) implements AboutCode {
        /** An erasure whose reset's actor the trail does not name. */
        public Erased(Slot slot, boolean typedPin) {
            this(slot, typedPin, null);
        }

        @Override
        public Code code() {
            return Code.FACTORY_RESET;
        }
    }

    /**
     * The code is suspended (since the finding's since, if known).
     *
     * @param slot the code
     * @param by who suspended it ("alice via remote"), or null if the trail does not say
     */
    record Suspended(Slot slot, String by) implements AboutCode {
        /** A suspension whose actor the trail does not name. */
        public Suspended(Slot slot) {
            this(slot, null);
        }

        @Override
        public Code code() {
            return Code.SUSPENDED;
        }
    }

    /**
     * The code belongs to a non-access user: its entries are recorded, never open.
     *
     * @param slot the code
     */
    record NonAccess(Slot slot) implements AboutCode {
        @Override
        public Code code() {
            return Code.NON_ACCESS;
        }
    }

    /**
     * The code is remote-only: it never opens from the keypad.
     *
     * @param slot the code
     */
    record RemoteOnly(Slot slot) implements AboutCode {
        @Override
        public Code code() {
            return Code.REMOTE_ONLY;
        }
    }

    /**
     * The code's use limit is spent; its last use (if known) is the finding's since.
     *
     * @param slot the code
     * @param uses the grants so far
     * @param limit the grants allowed
     */
    record UsedUp(Slot slot, int uses, Integer limit) implements AboutCode {
        @Override
        public Code code() {
            return Code.USED_UP;
        }
    }

    /**
     * The code expired at the finding's since: at the end of its validity window, or a time after its first use.
     *
     * @param slot the code
     * @param afterFirstUse how long after its first use it expires, or null if its window ended
     * @param firstUsedAt its first use, or null if its window ended
     */
    record Expired(Slot slot, Duration afterFirstUse, Instant firstUsedAt) implements AboutCode {
        @Override
        public Code code() {
            return Code.EXPIRED;
        }
    }

    /**
     * The code is not valid yet: it opens from the finding's until.
     *
     * @param slot the code
     */
    record NotYetValid(Slot slot) implements AboutCode {
        @Override
        public Code code() {
            return Code.NOT_YET_VALID;
        }
    }

    /**
     * The finding's instant is inside one of the code's exclusion windows.
     *
     * @param slot the code
     * @param window the exclusion window
     */
    record Excluded(Slot slot, TimeWindow window) implements AboutCode {
        /** Requires the window. */
        public Excluded {
            Objects.requireNonNull(window, "window");
        }

        @Override
        public Code code() {
            return Code.OUTSIDE_SCHEDULE;
        }
    }

    /**
     * The finding's instant is outside the code's week-day schedule; the next window starts at the
     * finding's until (null: none before the code expires).
     *
     * @param slot the code
     * @param schedules its week-day windows, in the finding's zone (empty: it has exclusion windows only)
     */
    record OffSchedule(Slot slot, List<WeekDaySchedule> schedules) implements AboutCode {
        /** Copies the schedules. */
        public OffSchedule {
            schedules = List.copyOf(schedules);
        }

        @Override
        public Code code() {
            return Code.OUTSIDE_SCHEDULE;
        }
    }

    /**
     * The clock is untrusted; a rollback, if recorded, was a command stamped at the finding's since.
     *
     * @param floor the time the command's stamp fell behind, or null if no rollback is recorded
     * @param timeBoundSlot the slot asked about if the untrusted clock is what refuses it, or null
     */
    record ClockUntrusted(Instant floor, Integer timeBoundSlot) implements FindingDetail {
        @Override
        public Code code() {
            return Code.CLOCK_UNTRUSTED;
        }
    }

    /**
     * The lock reported jams within the lookback before the finding's instant, the first counted at
     * the finding's since.
     *
     * @param jams the jams counted (at most {@link Diagnosis#MAX_EVIDENCE}, the latest)
     * @param lookback how far back jams count
     * @param lastJam the latest
     */
    record Jammed(int jams, Duration lookback, Instant lastJam) implements FindingDetail {
        @Override
        public Code code() {
            return Code.JAMMED;
        }
    }

    /**
     * The firmware changed at the finding's since.
     *
     * @param from the version before
     * @param to the version after
     * @param updates the updates within the lookback (at most {@link Diagnosis#MAX_EVIDENCE})
     * @param lookback how far back updates count
     */
    record FirmwareChanged(String from, String to, int updates, Duration lookback) implements FindingDetail {
        @Override
        public Code code() {
            return Code.FIRMWARE_CHANGED;
        }
    }

    /**
     * Nothing stops the code: it would open from the keypad at the finding's instant.
     *
     * @param slot the code
     */
    record CodeOk(Slot slot) implements AboutCode {
        @Override
        public Code code() {
            return Code.CODE_OK;
        }
    }

    /**
     * A detail about one offline code of the lock: a typed offline PIN that the administrator's
     * search found (see {@link Diagnosis.OfflineSearch}). Names the code by its public id and
     * window, never its PIN; offline codes carry no personal name.
     */
    sealed interface AboutOfflineCode extends FindingDetail {
        /** The code: its id and validity. */
        OfflineCode offlineCode();

        /** The issuing-key generation it was issued under. */
        int generation();
    }

    /**
     * The typed PIN is an offline code whose own rules let it open at the finding's instant.
     *
     * @param offlineCode the code
     * @param generation its issuing-key generation (the lock's current one)
     * @param opens whether typing it would open the door then (false: something that refuses every
     *     keypad entry, another finding, stops it)
     */
    record OfflineValid(OfflineCode offlineCode, int generation, boolean opens) implements AboutOfflineCode {
        @Override
        public Code code() {
            return Code.CODE_OK;
        }
    }

    /**
     * The typed PIN is an offline code whose window has not begun: it opens from the finding's until.
     *
     * @param offlineCode the code
     * @param generation its issuing-key generation
     */
    record OfflineNotYetValid(OfflineCode offlineCode, int generation) implements AboutOfflineCode {
        @Override
        public Code code() {
            return Code.NOT_YET_VALID;
        }
    }

    /**
     * The typed PIN is an offline code whose window ended at the finding's since.
     *
     * @param offlineCode the code
     * @param generation its issuing-key generation
     */
    record OfflineExpired(OfflineCode offlineCode, int generation) implements AboutOfflineCode {
        @Override
        public Code code() {
            return Code.EXPIRED;
        }
    }

    /**
     * The typed PIN is an offline code with daily hours, in its window but outside its hours at the
     * finding's instant; its next opening is the finding's until (null: none before its window ends).
     *
     * @param offlineCode the code
     * @param generation its issuing-key generation
     */
    record OfflineOffHours(OfflineCode offlineCode, int generation) implements AboutOfflineCode {
        @Override
        public Code code() {
            return Code.OUTSIDE_SCHEDULE;
        }
    }

    /**
     * The typed PIN is a one-time offline code, used at the finding's since.
     *
     * @param offlineCode the code
     * @param generation its issuing-key generation
     */
    record OfflineUsed(OfflineCode offlineCode, int generation) implements AboutOfflineCode {
        @Override
        public Code code() {
            return Code.USED_UP;
        }
    }

    /**
     * The typed PIN is an offline code revoked at the finding's since.
     *
     * @param offlineCode the code
     * @param generation its issuing-key generation
     * @param batch the number of the backend's programming batch that revoked it, or null (revoked at
     *     the lock: its PIN typed into a revoke command, or its id given there)
     * @param backend the key id of that batch's backend, or null
     * @param by who revoked it at the lock ("alice via local"), or null (by a batch, or the trail
     *     does not say)
     */
    record OfflineRevoked(OfflineCode offlineCode, int generation, Long batch, String backend, String by)
            implements AboutOfflineCode {
        /** A revocation whose actor the trail does not name. */
        public OfflineRevoked(OfflineCode offlineCode, int generation, Long batch, String backend) {
            this(offlineCode, generation, batch, backend, null);
        }

        @Override
        public Code code() {
            return Code.REVOKED;
        }
    }

    /**
     * The typed PIN is an offline code of an earlier issuing-key generation, which revoke-all
     * replaced at the finding's since.
     *
     * @param offlineCode the code
     * @param generation its issuing-key generation
     * @param current the generation the lock uses at the finding's instant
     */
    record OfflineKeyReplaced(OfflineCode offlineCode, int generation, int current) implements AboutOfflineCode {
        @Override
        public Code code() {
            return Code.OFFLINE_KEY_REPLACED;
        }
    }

    /**
     * The typed offline PIN is no offline code of the lock's current key epoch, of any issuing-key
     * generation, opening at some moment in the range searched.
     *
     * @param generations the generations searched (1 to this)
     * @param searchedFrom the start of the range searched
     * @param searchedUntil its end
     * @param resetAt the lock's last factory reset, which destroyed every offline code issued before it, or null
     */
    record UnknownOfflinePin(int generations, Instant searchedFrom, Instant searchedUntil, Instant resetAt)
            implements FindingDetail {
        /** Requires the range. */
        public UnknownOfflinePin {
            Objects.requireNonNull(searchedFrom, "searchedFrom");
            Objects.requireNonNull(searchedUntil, "searchedUntil");
        }

        @Override
        public Code code() {
            return Code.UNKNOWN_CODE;
        }
    }

    /**
     * Revoke-all at the finding's since moved the lock to a new offline issuing key: every offline
     * code issued before no longer opens.
     *
     * @param generation the issuing-key generation the lock uses since
     * @param exportedAt when the owner last exported this generation's key, or null
     * @param backendAt when the lock last handed this generation's key to its backend at
     *     enrollment, or null
     */
    record OfflineCodesReplaced(int generation, Instant exportedAt, Instant backendAt) implements FindingDetail {
        @Override
        public Code code() {
            return Code.OFFLINE_KEY_REPLACED;
        }
    }

    /**
     * The clock is untrusted, so every offline code is refused (the lock cannot tell which codes are
     * in their window).
     *
     * @param typedPin whether a typed offline PIN was asked about (it was not looked up)
     */
    record OfflineClockUntrusted(boolean typedPin) implements FindingDetail {
        @Override
        public Code code() {
            return Code.CLOCK_UNTRUSTED;
        }
    }

    /**
     * Nothing in the trail up to the finding's instant stops the keypad (no lockout, clock trusted).
     *
     * @param mode the lock's mode
     * @param batteryPercent the last reported battery level, or null
     */
    record NothingFound(OperatingMode mode, Integer batteryPercent) implements FindingDetail {
        @Override
        public Code code() {
            return Code.NOTHING_FOUND;
        }
    }
}
