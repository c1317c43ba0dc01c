package dev.access.core.domain;

/** Where an entry attempt came from, as Matter's {@code OperationSourceEnum}. */
public enum EntrySource {
    /** The lock's own keypad (Matter 3). */
    KEYPAD(3),
    /** A remote client: an app, a hub, a backend (Matter 7). */
    REMOTE(7),
    /**
     * A diagnosis of a typed PIN ({@link LockCommand.CheckCode}): counted like an entry toward the
     * lockout and the budget, never opens (Matter has no such source: 0, Unspecified).
     */
    DIAGNOSTIC(0);

    private final int matterValue;

    EntrySource(int matterValue) {
        this.matterValue = matterValue;
    }

    /** The value of Matter's {@code OperationSourceEnum}. */
    public int matterValue() {
        return matterValue;
    }
}
