package dev.access.core.domain;

import dev.access.crypto.CodeFingerprint;
import java.time.Instant;

/**
 * A PIN credential in a slot, as the events made it.
 *
 * @param slot the slot, 0 for the master code
 * @param type the user type
 * @param name an optional label (no personal data required)
 * @param digest what identifies its PIN (never the PIN): the keyed digest in the lock's store, the
 *     public commitment to it in a state replayed from an export
 * @param rules its time and use rules
 * @param suspended whether it is suspended (kept, not usable)
 * @param uses grants so far (tracked for codes with a use limit or an expiry after first use)
 * @param firstUsedAt the first grant (tracked likewise), or null
 * @param addedAt when it was added
 * @param changedAt when its PIN last changed, or null
 * @param addedBy who added it (its name sealed), or null in a trail written before actors were
 * @param changedBy who last changed its PIN or suspended or resumed it, or null if no one did (or
 *     before actors were)
 */
public record Credential(
        int slot,
        UserType type,
        String name,
        CodeFingerprint digest,
        CodeRules rules,
        boolean suspended,
        int uses,
        Instant firstUsedAt,
        Instant addedAt,
        Instant changedAt,
        Actor addedBy,
        Actor changedBy) {

    /** A credential whose actors are not known (as in a trail written before actors were). */
    public Credential(int slot, UserType type, String name, CodeFingerprint digest, CodeRules rules, boolean suspended,
            int uses, Instant firstUsedAt, Instant addedAt, Instant changedAt) {
        this(slot, type, name, digest, rules, suspended, uses, firstUsedAt, addedAt, changedAt, null, null);
    }

    /** Whether grants must be counted in the state (a limit or an expiry depends on them). */
    public boolean tracksUsage() {
        return rules.maxUses() != null || type == UserType.DISPOSABLE || type == UserType.EXPIRING;
    }

    /** The grants after which the credential is used up, or null for unlimited. */
    public Integer useLimit() {
        if (type == UserType.DISPOSABLE) {
            return rules.maxUses() == null ? 1 : Math.min(1, rules.maxUses());
        }
        return rules.maxUses();
    }

    /** Whether its use limit is spent. */
    public boolean isUsedUp() {
        Integer limit = useLimit();
        return limit != null && uses >= limit;
    }

    /** When it stops opening for good, if known: its window's end or its first use plus expiry. */
    public Instant expiresAt() {
        Instant end = rules.validUntil();
        if (type == UserType.EXPIRING && firstUsedAt != null && rules.expireAfterFirstUse() != null) {
            Instant afterUse = Instants.plus(firstUsedAt, rules.expireAfterFirstUse());
            end = end == null || afterUse.isBefore(end) ? afterUse : end;
        }
        return end;
    }

    /** Whether its rules depend on the clock. */
    public boolean isTimeBound() {
        return rules.isTimeBound() || type == UserType.EXPIRING;
    }

    /** The same credential with a new PIN's {@code digest}, changed {@code at}. */
    Credential withDigest(CodeFingerprint next, Instant at, Actor by) {
        return new Credential(slot, type, name, next, rules, suspended, uses, firstUsedAt, addedAt, at, addedBy,
                by == null ? changedBy : by);
    }

    /** The same credential suspended or not. */
    Credential withSuspended(boolean next, Actor by) {
        return new Credential(slot, type, name, digest, rules, next, uses, firstUsedAt, addedAt, changedAt, addedBy,
                by == null ? changedBy : by);
    }

    /** The same credential after a grant {@code at} that brought its uses to {@code count}. */
    Credential withUse(int count, Instant at) {
        return new Credential(slot, type, name, digest, rules, suspended, count, firstUsedAt == null ? at : firstUsedAt,
                addedAt, changedAt, addedBy, changedBy);
    }

    /** Redacted digest. */
    @Override
    public String toString() {
        return "Credential[slot=" + slot + ", type=" + type + ", name=" + (name == null ? null
                : dev.access.crypto.PersonalData.isSealed(name) ? "(sealed)" : name) + ", suspended="
                + suspended + ", uses=" + uses + ", rules=" + rules + "]";
    }
}
