package dev.access.core.fleet;

import java.time.Instant;

/**
 * An offline code the backend issued, as it records it: which lock, key epoch and issuing-key
 * generation, the code's public id and the validity it really has, its variant, a name and who asked.
 * Never the PIN: the backend cannot give a PIN out twice, only issue another.
 *
 * @param lock the lock
 * @param keyEpoch the lock's key epoch the issuing key belongs to
 * @param generation the issuing-key generation
 * @param codeId the code's public id (16 lower-case hex; what the lock's trail names)
 * @param from the first instant it opens
 * @param until the instant after which it never opens again
 * @param oneTime whether its first use consumes it
 * @param daily its daily hours in the lock's time zone ({@code HH:00-HH:00}), or null for a plain window
 * @param variant which of the codes for that exact validity it is (0 and up)
 * @param name a name for it (whom it is for), or null
 * @param by who asked for it
 * @param issuedAt when the backend issued it (its clock)
 */
public record OfflineIssuance(String lock, int keyEpoch, int generation, String codeId, Instant from, Instant until,
        boolean oneTime, String daily, int variant, String name, String by, Instant issuedAt) {
}
