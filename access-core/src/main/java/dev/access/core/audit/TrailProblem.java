package dev.access.core.audit;

/**
 * One thing verification found wrong (or could not prove) in an export.
 *
 * @param line the 1-based line number in the export (0 for the export as a whole)
 * @param lock the lock concerned, or null if the line could not be read
 * @param sequence the sequence number concerned, or -1
 * @param kind what is wrong
 * @param message a plain explanation naming the values
 */
public record TrailProblem(long line, String lock, long sequence, Kind kind, String message) {
    /** Kinds of problem; all but {@link #UNSIGNED_TAIL} fail verification. */
    public enum Kind {
        /** A line is not a valid trail record (broken JSON, wrong or missing field, too long). */
        MALFORMED_LINE,
        /** No public key was given for the line's lock. */
        UNKNOWN_LOCK,
        /** Sequence numbers jump forward: events were deleted. */
        MISSING_EVENTS,
        /** A sequence number repeats an earlier line exactly: a duplicated event. */
        DUPLICATE_EVENT,
        /** A sequence number goes backwards with other content: an inserted or reordered event. */
        OUT_OF_ORDER,
        /** The line's content does not match its chain value: a field was modified. */
        MODIFIED_EVENT,
        /** Two fields of the line contradict each other (the named field was modified). */
        INCONSISTENT_FIELDS,
        /** A checkpoint's signature does not verify with the lock's public key. */
        BAD_SIGNATURE,
        /** A checkpoint signs a chain head other than the trail's: events before it were altered. */
        CHECKPOINT_MISMATCH,
        /**
         * A retention anchor (what a prune leaves at the start of a trail) that is not its lock's first
         * line, or that starts a segment continuing a trail held from before its cut.
         */
        ANCHOR_MISPLACED,
        /**
         * A retention anchor contradicts itself or its line: its state does not hash to the signed
         * hash, its sequence or chain head is not its line's, or it is not in the lock's exact form.
         */
        ANCHOR_MISMATCH,
        /** No checkpoint of the lock verified: its events are chained but unsigned (fails). */
        NOT_SIGNED,
        /** The auditor's policy was not met: signed too early or not far enough (fails). */
        POLICY_NOT_MET,
        /**
         * A personal-keys line is wrong: a key that is not its subject's (the id does not commit to
         * it: substituted), a sealed name that does not open with its subject's key, a keys line
         * after the lock's first record, or a second one. The keys are not covered by the chain: a
         * wrong key is never used to read a name.
         */
        PERSONAL_KEYS,
        /** Events after the last signed checkpoint: their integrity rests on the chain only (a warning). */
        UNSIGNED_TAIL,
        /**
         * The lock signed two different trails: an event the lock's key covers differs from the one
         * already held under the same sequence (a restored backup that went on recording, a cloned
         * lock). Found when a segment is ingested against a held copy.
         */
        FORK
    }

    /** Whether this problem fails verification (everything but an unsigned tail). */
    public boolean isFailure() {
        return kind != Kind.UNSIGNED_TAIL;
    }

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + kind + ": " + message;
    }
}
