package dev.access.core.internal.axon;

import dev.access.core.internal.json.Json;
import org.axonframework.serialization.json.JacksonSerializer;

/** Axon's serializer for events, messages, snapshots and tokens: Jackson over {@link Json}'s mapper (XStream is never used). */
public final class Serialization {
    private Serialization() {
    }

    /**
     * One serializer for the process: Jackson builds a (de)serializer for each event type the first
     * time it meets it, a few milliseconds each, and a serializer per store or runtime paid that again
     * on every reopen. The mapper is configured once, here, and never changed afterwards (Axon's
     * builder registers its module before the serializer is shared), so it is safe for every thread.
     */
    private static final JacksonSerializer SHARED = JacksonSerializer.builder().objectMapper(Json.objectMapper()).build();

    /** Axon's Jackson serializer over {@link Json#objectMapper()} (one instance, shared). */
    public static JacksonSerializer serializer() {
        return SHARED;
    }
}
