package dev.access.core.internal.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.access.core.domain.Credential;
import dev.access.core.domain.Credentials;
import dev.access.core.domain.LockId;
import dev.access.crypto.CodeCommitment;
import dev.access.crypto.CodeDigest;
import dev.access.crypto.CodeFingerprint;
import java.io.IOException;
import java.util.Base64;

/**
 * The one Jackson configuration for events, messages and snapshots (XStream is never used):
 * instants and durations as ISO-8601 text, lock ids as plain strings, digests as base64.
 */
public final class Json {
    private Json() {
    }

    /** A new object mapper configured for this library's types. */
    public static ObjectMapper objectMapper() {
        return objectMapper(false);
    }

    /**
     * A new object mapper for this library's types; in the audit form, every code digest is written
     * as its public {@link CodeDigest#commitment() commitment} instead, which reads back as a
     * {@link CodeCommitment} (never as a digest).
     */
    public static ObjectMapper objectMapper(boolean auditForm) {
        SimpleModule module = new SimpleModule("access");
        module.addSerializer(CodeDigest.class, new JsonSerializer<>() {
            @Override
            public void serialize(CodeDigest d, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(auditForm ? d.commitment().toString() : Base64.getEncoder().encodeToString(d.toBytes()));
            }
        });
        module.addSerializer(CodeCommitment.class, new JsonSerializer<>() {
            @Override
            public void serialize(CodeCommitment c, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(c.toString());
            }
        });
        JsonDeserializer<CodeFingerprint> fingerprints = new JsonDeserializer<>() {
            @Override
            public CodeFingerprint deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String text = p.getValueAsString();
                // The audit form carries commitments, the store digests: the written form says which.
                return text != null && text.startsWith(CodeCommitment.PREFIX) ? CodeCommitment.parse(text)
                        : CodeDigest.fromBytes(Base64.getDecoder().decode(text));
            }
        };
        module.addDeserializer(CodeFingerprint.class, fingerprints);
        module.addDeserializer(CodeDigest.class, new JsonDeserializer<>() {
            @Override
            public CodeDigest deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return CodeDigest.fromBytes(Base64.getDecoder().decode(p.getValueAsString()));
            }
        });
        module.addSerializer(LockId.class, new JsonSerializer<>() {
            @Override
            public void serialize(LockId id, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(id.value());
            }
        });
        module.addDeserializer(LockId.class, new JsonDeserializer<>() {
            @Override
            public LockId deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return LockId.of(p.getValueAsString());
            }
        });
        module.addSerializer(Credentials.class, new JsonSerializer<>() {
            @Override
            public void serialize(Credentials c, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartArray();
                for (Credential credential : c.all()) {
                    p.defaultSerializeValue(credential, g);
                }
                g.writeEndArray();
            }
        });
        module.addDeserializer(Credentials.class, new JsonDeserializer<>() {
            @Override
            public Credentials deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                Credentials result = Credentials.EMPTY;
                for (Credential c : ctx.readValue(p, Credential[].class)) {
                    result = result.with(c);
                }
                return result;
            }
        });
        // Duplicate keys are refused: what the lock wrote never has them, so a payload with two
        // values for one field was made by someone else.
        ObjectMapper mapper = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(module);
        // An event that names no offline code is written as before offline codes existed.
        mapper.configOverride(dev.access.core.domain.OfflineCode.class).setIncludeAsProperty(
                com.fasterxml.jackson.annotation.JsonInclude.Value.construct(
                        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL,
                        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL));
        // An event that names no actor (written before actors were) is written as it was then.
        mapper.configOverride(dev.access.core.domain.Actor.class).setIncludeAsProperty(
                com.fasterxml.jackson.annotation.JsonInclude.Value.construct(
                        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL,
                        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL));
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        // Derived booleans such as isTimeBound() are not properties of an event; a snapshot is the
        // aggregate's fields.
        mapper.setVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
        // Old trails stay readable when a later version adds a field.
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }
}
