package dev.access.core.fleet;

import java.util.List;

/**
 * The sync status of every code of a lock: its managed codes (even while the lock does not hold them
 * yet) and the codes it holds that the backend never asked for.
 *
 * @param lock the lock
 * @param inSync whether every managed code is SYNCED, the desired mode applied, and no offline code's
 *     revocation waits for a batch (the trail shows it done, or the code can no longer open)
 * @param lastPushedBatch the last batch the backend wrote for the lock, or null
 * @param lastAppliedBatch the last batch the lock's trail shows applied, or null
 * @param codes by slot
 */
public record SyncView(String lock, boolean inSync, Long lastPushedBatch, Long lastAppliedBatch, List<CodeSync> codes) {
    /** Copies the list. */
    public SyncView {
        codes = List.copyOf(codes);
    }

    /** The slot's entry, or null. */
    public CodeSync slot(int slot) {
        return codes.stream().filter(c -> c.slot() == slot).findFirst().orElse(null);
    }
}
