package dev.access.core.trail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.axon.Serialization;
import dev.access.crypto.ChainHead;
import dev.access.crypto.HashChain;
import java.time.Instant;

/**
 * How an event appears in the trail: its type name and the exact bytes of its audit form (the
 * serialized payload with code digests replaced by commitments), which the hash chain covers.
 */
public final class AuditForm {
    /** The metadata key holding the chain head after an event (64 hex characters). */
    public static final String CHAIN = "chain";

    private static final ObjectMapper AUDIT = Serialization.objectMapper(true);

    private AuditForm() {
    }

    /** The trail type name of an event: its simple class name, e.g. {@code EntryDenied}. */
    public static String type(Object payload) {
        return payload.getClass().getSimpleName();
    }

    /** The exact audit-form bytes of an event (UTF-8 JSON). */
    public static byte[] bytes(Object payload) {
        try {
            return AUDIT.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + type(payload) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The chain head after an event, from the head before it. */
    public static ChainHead next(ChainHead previous, long sequence, Object payload, Instant at) {
        return HashChain.next(previous, sequence, type(payload), at, bytes(payload));
    }
}
