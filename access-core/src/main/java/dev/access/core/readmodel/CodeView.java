package dev.access.core.readmodel;

import dev.access.core.domain.UserType;
import java.time.Instant;

/**
 * A code as an access log shows it: never its PIN or digest.
 *
 * @param slot the slot
 * @param type the user type
 * @param name its name, or null
 * @param status ENABLED, SUSPENDED or USED_UP (time-dependent validity: see {@code expiresAt})
 * @param expiresAt when it stops opening for good, if known
 */
public record CodeView(int slot, UserType type, String name, String status, Instant expiresAt) {
}
