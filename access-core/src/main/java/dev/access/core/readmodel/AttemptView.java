package dev.access.core.readmodel;

import dev.access.core.domain.DenialReason;
import dev.access.core.domain.EntrySource;
import java.time.Instant;

/**
 * One entry attempt in an access log.
 *
 * @param sequence the attempt's event sequence number in the lock's trail
 * @param at when
 * @param source keypad or remote
 * @param granted whether it opened
 * @param slot the code's slot when recognised, else null
 * @param name the code's name when recognised and named, else null
 * @param reason why it was denied, or null
 */
public record AttemptView(long sequence, Instant at, EntrySource source, boolean granted, Integer slot, String name,
        DenialReason reason) {
}
