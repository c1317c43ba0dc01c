package dev.access.core;

import dev.access.core.domain.CodeRules;
import dev.access.core.domain.UserType;

/**
 * A user code to add (its PIN is passed separately, as typed digits).
 *
 * @param slot the slot, 1 to 65535
 * @param type the user type
 * @param name an optional label
 * @param rules its time and use rules
 */
public record NewCode(int slot, UserType type, String name, CodeRules rules) {
    /** A permanent, unrestricted code. */
    public static NewCode unrestricted(int slot, String name) {
        return new NewCode(slot, UserType.UNRESTRICTED, name, CodeRules.none());
    }

    /** A code of {@code type} with {@code rules}. */
    public static NewCode of(int slot, UserType type, String name, CodeRules rules) {
        return new NewCode(slot, type, name, rules);
    }
}
