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
}
