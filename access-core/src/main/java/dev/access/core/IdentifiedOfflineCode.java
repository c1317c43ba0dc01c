package dev.access.core;

import dev.access.core.domain.OfflineCode;

/**
 * A typed PIN identified as one of the lock's offline codes, by an administrator's search (for
 * revoking it or explaining it): the code and the issuing-key generation it belongs to.
 *
 * @param generation the issuing-key generation of the lock's current key epoch it was issued under
 * @param code the code (id and validity; never the PIN)
 */
public record IdentifiedOfflineCode(int generation, OfflineCode code) {
}
