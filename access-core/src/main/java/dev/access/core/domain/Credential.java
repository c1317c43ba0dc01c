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
        Instant changedAt) {

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
    Credential withDigest(CodeFingerprint next, Instant at) {
        return new Credential(slot, type, name, next, rules, suspended, uses, firstUsedAt, addedAt, at);
    }

    /** The same credential suspended or not. */
    Credential withSuspended(boolean next) {
        return new Credential(slot, type, name, digest, rules, next, uses, firstUsedAt, addedAt, changedAt);
    }

    /** The same credential after a grant {@code at} that brought its uses to {@code count}. */
    Credential withUse(int count, Instant at) {
        return new Credential(slot, type, name, digest, rules, suspended, count, firstUsedAt == null ? at : firstUsedAt,
                addedAt, changedAt);
    }

    /** Redacted digest. */
    @Override
    public String toString() {
        return "Credential[slot=" + slot + ", type=" + type + ", name=" + name + ", suspended="
                + suspended + ", uses=" + uses + ", rules=" + rules + "]";
    }
}
