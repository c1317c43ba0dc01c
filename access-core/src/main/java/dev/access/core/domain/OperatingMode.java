package dev.access.core.domain;

/** The lock's operating mode, as Matter's Door Lock {@code OperatingModeEnum}. */
public enum OperatingMode {
    /** Every interface works; each credential by its own rules (Matter 0). */
    NORMAL(0),
    /** The keypad opens only for the master code; remote stays enabled (Matter 1). */
    VACATION(1),
    /** All external interaction disabled: keypad and remote entries refused (Matter 2). */
    PRIVACY(2),
    /** Remote entries refused, keypad normal (Matter 3, NoRemoteLockUnlock). */
    NO_REMOTE(3),
    /** The door opens without a code; attempts are still recorded (Matter 4). */
    PASSAGE(4);

    private final int matterValue;

    OperatingMode(int matterValue) {
        this.matterValue = matterValue;
    }

    /** The value of Matter's {@code OperatingModeEnum}. */
    public int matterValue() {
        return matterValue;
    }
}
