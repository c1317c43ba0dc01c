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

    /**
     * A personal text field (a code's name, who changed the mode): null, a well-formed sealed value
     * ({@link dev.access.crypto.PersonalData}; the embedding API seals every name before it reaches
     * the lock), or clear text under the rules of {@link #text} (direct use of the domain, and trails
     * written before names were sealed).
     */
    static String personal(String value, String what) {
        if (dev.access.crypto.PersonalData.isSealed(value)) {
            if (dev.access.crypto.PersonalData.subjectOfValue(value).isEmpty()) {
                throw invalid(what + " is not a well-formed sealed value");
            }
            return value;
        }
        return value == null ? null : text(value, what, false);
    }

    /** An administrative command's actor: present, with a channel, a backend's key id for a batch. */
    static Actor actor(Actor a) {
        requireNonNull(a, "actor");
        requireNonNull(a.channel(), "actor's channel");
        String who = personal(a.who(), "actor's name");
        if (a.channel() == Actor.Channel.BACKEND) {
            if (a.keyId() == null || !a.keyId().matches("[0-9a-f]{16}")) {
                throw invalid("a backend actor names its key id (16 lower-case hex digits)");
            }
        } else if (a.keyId() != null) {
            throw invalid("only a backend actor names a key id");
        }
        return who == a.who() ? a : a.withWho(who);
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
