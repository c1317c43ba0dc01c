package dev.access.core.domain;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a lock knows of its backend's programming batches (DESIGN.md section 11), from its events:
 * the key the backend's batches must be signed with (from the enrollment), the number of the last
 * batch it applied (a batch must be numbered above it), and the slots whose current code a batch set
 * (a batch may change or empty those; a slot whose code was added at the lock is not the backend's).
 *
 * @param backendSigningKey the backend's Ed25519 key in base64, or null
 * @param lastAppliedBatch the last batch applied, 0 before the first
 * @param managedSlots the slots whose code a batch set, ascending
 */
public record Programming(String backendSigningKey, long lastAppliedBatch, Set<Integer> managedSlots) {
    /** Nothing known: not enrolled, or factory reset. */
    public static final Programming NONE = new Programming(null, 0, Set.of());

    /** Copies the set (sorted, unmodifiable). */
    public Programming {
        managedSlots = Collections.unmodifiableSet(new TreeSet<>(managedSlots));
    }

    /** The same facts with another signing key (null keeps the present one). */
    public Programming withSigningKey(String key) {
        return new Programming(key == null ? backendSigningKey : key, lastAppliedBatch, managedSlots);
    }

    /** The same facts with no managed slot (the codes are gone). */
    public Programming withoutSlots() {
        return new Programming(backendSigningKey, lastAppliedBatch, Set.of());
    }

    /** Whether the code in {@code slot} was set by a batch. */
    public boolean manages(int slot) {
        return managedSlots.contains(slot);
    }

    /** The same facts with {@code slot} managed or not. */
    public Programming withSlot(int slot, boolean managed) {
        Set<Integer> next = new TreeSet<>(managedSlots);
        if (managed) {
            next.add(slot);
        } else {
            next.remove(slot);
        }
        return new Programming(backendSigningKey, lastAppliedBatch, next);
    }

    /** The same facts after batch {@code batch} was applied. */
    public Programming withAppliedBatch(long batch) {
        return new Programming(backendSigningKey, batch, managedSlots);
    }
}
