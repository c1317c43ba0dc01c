package dev.access.crypto;

import java.util.regex.Pattern;

/** The shape every lock id has: 1 to 64 characters from {@code A-Z a-z 0-9 . _ : -}. */
public final class LockIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private LockIds() {
    }

    /** Whether {@code id} is a valid lock id. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /**
     * Returns {@code id} if valid.
     *
     * @throws IllegalArgumentException naming the value when it is not
     */
    public static String requireValid(String id) {
        if (!isValid(id)) {
            String shown = id == null ? "null"
                    : "'" + (id.length() > 80 ? id.substring(0, 80) + "…" : id) + "'";
            throw new IllegalArgumentException("invalid lock id " + shown
                    + ": use 1 to 64 characters from A-Z a-z 0-9 . _ : -");
        }
        return id;
    }
}
