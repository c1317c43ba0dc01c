package dev.access.core.fleet;

import java.time.Instant;

/**
 * One issued offline code and where it stands ({@code Fleet.offlineCodes}).
 *
 * @param issuance what the backend recorded when it issued the code (never the PIN)
 * @param status where it stands
 * @param reason the lock's reason for a {@code REVOKE_FAILED} revocation, else null
 * @param since when it came to stand there: the lock's time of the event that says so, the end of
 *     its window ({@code EXPIRED}), the backend's time of the revocation request ({@code
 *     REVOKE_PENDING}) or of the issuance ({@code ISSUED})
 * @param batch the last batch that carried its revocation, or null
 * @param revocationRequested whether the backend was asked to revoke it
 */
public record OfflineCodeSync(OfflineIssuance issuance, OfflineCodeStatus status, String reason, Instant since,
        Long batch, boolean revocationRequested) {
}
