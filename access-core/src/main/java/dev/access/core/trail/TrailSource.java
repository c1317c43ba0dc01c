package dev.access.core.trail;

import dev.access.core.domain.LockId;
import java.util.function.Consumer;

/**
 * Where the auditor's toolkit reads a lock's trail records from: a running lock
 * ({@code AccessControl}), an export file ({@code dev.access.core.audit.ExportFile}) or a trail
 * archive ({@code dev.access.core.audit.TrailArchive}). The toolkit needs nothing else, so it runs
 * without the Axon runtime when the source does.
 */
@FunctionalInterface
public interface TrailSource {
    /**
     * Hands every trail record of {@code lock} to {@code sink}, by ascending sequence (checkpoints
     * included), streaming: memory does not grow with the trail. A lock without records delivers
     * none.
     */
    void trail(LockId lock, Consumer<TrailRecord> sink);

    /**
     * The keys of the living people whose names {@code lock}'s records hold sealed (see
     * {@link dev.access.crypto.PersonalData}): subject id to a copy of its 32-byte key. A running
     * lock hands over its key ring's live keys, an export the keys it carries; an erased person's
     * key is absent, so their names read as erased. The default: none (every sealed name reads as
     * erased; clear text written before names were sealed reads as it is).
     */
    default java.util.Map<String, byte[]> personalKeys(LockId lock) {
        return java.util.Map.of();
    }
}
