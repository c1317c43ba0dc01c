package dev.access.core.domain;

/** The argument checks the command handlers share; each failure is a {@link LockCommandRejected}. */
final class Checks {
    private Checks() {
    }

    /** An {@link Rejection#INVALID_ARGUMENT} rejection with {@code message}. */
    static LockCommandRejected invalid(String message) {
        return new LockCommandRejected(Rejection.INVALID_ARGUMENT, message);
    }

    /** {@code value} cut to 40 characters with control characters replaced, for naming bad input in a message. */
    static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    static void requireNonNull(Object o, String what) {
        if (o == null) {
            throw invalid(what + " is missing");
        }
    }

    /**
     * {@code value} stripped, at most {@link LockDecider#MAX_TEXT} characters and without control
     * characters; a blank value is refused when {@code required}, else returned stripped (or null).
     */
    static String text(String value, String what, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw invalid(what + " is missing");
            }
            return value == null ? null : value.strip();
        }
        if (value.length() > LockDecider.MAX_TEXT) {
            throw invalid(what + " must be at most " + LockDecider.MAX_TEXT + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(what + " must not contain control characters");
            }
        }
        return value.strip();
    }

    static void requireCommissioned(LockState s, LockCommand c) {
        if (!s.commissioned()) {
            throw new LockCommandRejected(Rejection.NOT_COMMISSIONED, "lock " + c.lockId() + " is not commissioned");
        }
    }

    /** Refuses a PIN digest made under another key epoch than the lock's. */
    static void requireEpoch(LockState s, int epoch) {
        if (epoch != s.keyEpoch()) {
            throw new LockCommandRejected(Rejection.STALE_KEY_EPOCH,
                    "the PIN was digested under key epoch " + epoch + ", the lock uses " + s.keyEpoch());
        }
    }
}
