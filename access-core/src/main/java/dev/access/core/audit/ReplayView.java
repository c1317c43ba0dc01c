package dev.access.core.audit;

import dev.access.core.domain.BatteryLevel;
import dev.access.core.domain.DenialReason;
import dev.access.core.domain.LockState;
import dev.access.core.domain.OfflineCode;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lock as it stood at an instant, replayed from its trail: which codes could open the door then
 * and why the others could not.
 *
 * @param lock the lock
 * @param at the instant
 * @param lastSequence the sequence number of the last event replayed, or -1 if none
 * @param eventsApplied how many events were replayed
 * @param commissioned whether the lock was commissioned at {@code at}
 * @param model the lock model, or null
 * @param serial the serial number, or null
 * @param firmware the firmware version, or null
 * @param timeZone the lock's time zone, or null
 * @param slots every code the lock held, by slot, with its status at {@code at}
 * @param mode the operating mode
 * @param modeSince when the mode was set, or null
 * @param modeSetBy who set it as people read it ("alice via local"; "(erased) via local" once that
 *     person was erased; an old trail's free text), or null
 * @param lockedOutUntil the end of a timed lockout in force at {@code at}, or null
 * @param keypadDisabled whether the keypad was disabled after the daily failure budget
 * @param keypadDisabledAt when it was disabled, or null
 * @param consecutiveFailures wrong codes since the last valid code or lockout
 * @param clockTrusted whether the lock's clock was trusted
 * @param batteryPercent the last battery report, or null
 * @param batteryLevel the level judged from it
 * @param keypadBlockedBy the lock-wide reason every keypad entry (but perhaps the master code's)
 *     was refused at {@code at} (LOCKED_OUT, MODE_FORBIDS for privacy mode, INSUFFICIENT_BATTERY),
 *     or null
 * @param state the replayed state itself (in audit form: digests are commitments)
 * @param offline the lock's offline codes at {@code at}, or null if it took none (or was not commissioned)
 */
public record ReplayView(
        String lock,
        Instant at,
        long lastSequence,
        int eventsApplied,
        boolean commissioned,
        String model,
        String serial,
        String firmware,
        String timeZone,
        List<SlotView> slots,
        OperatingMode mode,
        Instant modeSince,
        String modeSetBy,
        Instant lockedOutUntil,
        boolean keypadDisabled,
        Instant keypadDisabledAt,
        int consecutiveFailures,
        boolean clockTrusted,
        Integer batteryPercent,
        BatteryLevel batteryLevel,
        DenialReason keypadBlockedBy,
        LockState state,
        OfflineView offline) {

    /** Copies the slots. */
    public ReplayView {
        slots = List.copyOf(slots);
    }

    /** The view of {@code slot}, or null if the lock held no code there. */
    public SlotView slot(int slot) {
        for (SlotView s : slots) {
            if (s.slot() == slot) {
                return s;
            }
        }
        return null;
    }

    /** The key id of the backend the lock was enrolled to at {@code at}, or null if none. */
    public String backendKeyId() {
        return state.backendKeyId();
    }

    /** The slots whose code would have opened the door from the keypad at {@code at}. */
    public List<Integer> openingSlots() {
        return slots.stream().filter(SlotView::opens).map(SlotView::slot).toList();
    }

    /**
     * A lock's offline codes at the instant: what it remembers of them, and the codes its trail
     * names since the issuing-key generation in force began, each with its status then. The lock
     * knows no list of issued codes (issuing needs no contact with it): a code appears here once an
     * attempt or a check named it.
     *
     * @param codeLength the length of an offline code's PIN
     * @param generation the issuing-key generation in force (revoke-all moves to the next)
     * @param revoked the codes revoked whose windows had not ended at the instant: id to window end
     * @param used the used one-time codes whose windows had not ended: id to window end
     * @param codes the codes the trail names since the generation began, in order of first mention
     */
    public record OfflineView(int codeLength, int generation, Map<String, Instant> revoked, Map<String, Instant> used,
            List<OfflineCodeView> codes) {
        /** Copies the maps (sorted) and the list. */
        public OfflineView {
            revoked = Collections.unmodifiableMap(new TreeMap<>(revoked));
            used = Collections.unmodifiableMap(new TreeMap<>(used));
            codes = List.copyOf(codes);
        }
    }

    /**
     * One offline code the trail names, with its status at the instant (keypad entry), as the
     * decider judges it. Never holds its PIN.
     *
     * @param code the code: its id and validity
     * @param lastSequence the sequence number of the last event naming it
     * @param valid whether its own rules (window, daily hours, revocation, one-time use, vacation
     *     mode) let it open at the instant
     * @param reason why its own rules refuse it (REVOKED, USE_LIMIT_REACHED, EXPIRED, NOT_YET_VALID,
     *     OUTSIDE_SCHEDULE, MODE_FORBIDS for vacation mode, CLOCK_UNTRUSTED), or null
     * @param opens whether typing it at the keypad would have opened the door, lock-wide state included
     * @param outcomeReason why typing it would have been denied, or null if it would have opened
     */
    public record OfflineCodeView(OfflineCode code, long lastSequence, boolean valid, DenialReason reason, boolean opens,
            DenialReason outcomeReason) {
    }

    /**
     * One code's status at the instant (keypad entry). Never holds its digest.
     *
     * @param slot the slot (0: the master code)
     * @param name its name as people read it ("(erased)" once its holder was erased), or null
     * @param type its user type
     * @param suspended whether it was suspended
     * @param uses grants counted so far (for codes whose uses matter)
     * @param useLimit its use limit, or null
     * @param validFrom the start of its validity window, or null
     * @param expiresAt when it stops opening for good (window end or time after first use), or null
     * @param addedAt when it was added
     * @param changedAt when its PIN last changed, or null
     * @param valid whether its own rules let it open from the keypad at the instant
     * @param reason why its own rules refuse it (SUSPENDED, NON_ACCESS, MODE_FORBIDS for a
     *     remote-only code or vacation mode, USE_LIMIT_REACHED, EXPIRED, CLOCK_UNTRUSTED,
     *     NOT_YET_VALID, OUTSIDE_SCHEDULE), or null
     * @param opens whether typing it at the keypad would have opened the door, lock-wide state
     *     (lockout, privacy mode, battery) included
     * @param outcomeReason why typing it would have been denied, or null if it would have opened
     * @param addedBy who added it ("alice via local", "backend 0123456789abcdef"), or null in a trail
     *     written before actors were recorded
     * @param changedBy who last changed its PIN, suspended or resumed it, or null if no one did
     */
    public record SlotView(
            int slot,
            String name,
            UserType type,
            boolean suspended,
            int uses,
            Integer useLimit,
            Instant validFrom,
            Instant expiresAt,
            Instant addedAt,
            Instant changedAt,
            boolean valid,
            DenialReason reason,
            boolean opens,
            DenialReason outcomeReason,
            String addedBy,
            String changedBy) {
    }
}
