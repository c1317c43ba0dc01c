package dev.access.core.internal.axon;

import dev.access.core.internal.json.Json;
import org.axonframework.serialization.json.JacksonSerializer;

/** Axon's serializer for events, messages, snapshots and tokens: Jackson over {@link Json}'s mapper (XStream is never used). */
public final class Serialization {
    private Serialization() {
    }

    /** Axon's Jackson serializer over {@link Json#objectMapper()}. */
    public static JacksonSerializer serializer() {
        return JacksonSerializer.builder().objectMapper(Json.objectMapper()).build();
    }
}
