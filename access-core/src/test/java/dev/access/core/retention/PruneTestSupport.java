package dev.access.core.retention;

/** Gives the PostgreSQL tests (another package) the model's property. */
public final class PruneTestSupport {
    private PruneTestSupport() {
    }

    /** Runs the prune property on {@code run}'s stores, {@code examples} examples. */
    public static void property(PruneRun run, int examples) {
        PruneProperties.property(run, examples);
    }
}
