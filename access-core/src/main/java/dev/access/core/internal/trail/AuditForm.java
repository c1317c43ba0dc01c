package dev.access.core.internal.trail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.internal.json.Json;
import dev.access.core.trail.TrailCheckpointed;
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

    private static final ObjectMapper AUDIT = Json.objectMapper(true);

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

    /**
     * Reads an event back from its trail type name and audit-form payload (as in an export). Code
     * digests come back as their commitments, which compare equal exactly when the digests do.
     *
     * @throws IllegalArgumentException naming the type if it is unknown or the payload does not fit it
     */
    public static Object parse(String type, String payload) {
        Class<?> cls = TYPES.get(type);
        if (cls == null) {
            throw new IllegalArgumentException("unknown trail event type '" + (type.length() > 60 ? type.substring(0, 60) : type) + "'");
        }
        Object event;
        try {
            event = READERS.get(cls).readValue(payload);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("payload of " + type + " cannot be read: "
                    + (e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage()), e);
        }
        requireWellFormed(type, event);
        return event;
    }

    /**
     * What the lock never writes, an export must not carry either: a missing value where the event
     * always has one (its lock, its time, an enum, a digest, rules, policies, an enrollment's backend)
     * or a time zone that does not exist. Names, actors, device texts, optional slots, optional instants and offline codes may
     * be null (a grant or a diagnostic check names a slot or an offline code, exactly one; a revocation
     * names its code's id and the end of its window). Checked here, once, so that replay, reports and diagnosis never meet such an event.
     */
    private static void requireWellFormed(String type, Object event) {
        if (event == null) {
            throw new IllegalArgumentException("payload of " + type + " is null");
        }
        requireComponents(type, "", event);
        if (event instanceof dev.access.core.trail.TrailAnchored) {
            // The anchored state is what replay starts from: the same rule holds for its components.
            requireComponents(type, "state.", ((dev.access.core.trail.TrailAnchored) event).state());
        }
        requireConsistent(type, event);
    }

    /** Every component of {@code record} that the lock always writes is present (see requireWellFormed). */
    private static void requireComponents(String type, String prefix, Object record) {
        for (java.lang.reflect.RecordComponent c : REQUIRED.get(record.getClass())) {
            Object value;
            try {
                value = c.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + type, e);
            }
            if (value == null) {
                throw new IllegalArgumentException("payload of " + type + " lacks " + prefix + c.getName());
            }
        }
    }

    private static void requireConsistent(String type, Object event) {
        if (event instanceof dev.access.core.domain.LockEvent.EntryGranted) {
            dev.access.core.domain.LockEvent.EntryGranted g = (dev.access.core.domain.LockEvent.EntryGranted) event;
            if ((g.slot() == null) == (g.offlineCode() == null)) {
                throw new IllegalArgumentException("payload of " + type + " names " + (g.slot() == null
                        ? "neither a slot nor an offline code" : "both a slot and an offline code"));
            }
        }
        if (event instanceof dev.access.core.domain.LockEvent.CodeChecked) {
            dev.access.core.domain.LockEvent.CodeChecked k = (dev.access.core.domain.LockEvent.CodeChecked) event;
            if ((k.slot() == null) == (k.offlineCode() == null)) {
                throw new IllegalArgumentException("payload of " + type + " names " + (k.slot() == null
                        ? "neither a slot nor an offline code" : "both a slot and an offline code"));
            }
        }
        if (event instanceof dev.access.core.domain.LockEvent.OfflineCodeRevoked) {
            dev.access.core.domain.LockEvent.OfflineCodeRevoked r = (dev.access.core.domain.LockEvent.OfflineCodeRevoked) event;
            if (r.codeId() == null || !r.codeId().matches("[0-9a-f]{16}") || r.until() == null) {
                throw new IllegalArgumentException("payload of " + type + " lacks " + (r.until() == null
                        ? "the end of the code's window" : "a code id of 16 lowercase hex digits"));
            }
        }
        if (event instanceof dev.access.core.trail.TrailAnchored) {
            dev.access.core.trail.TrailAnchored a = (dev.access.core.trail.TrailAnchored) event;
            String hex = "[0-9a-f]{64}";
            if (a.chainHead() == null || !a.chainHead().matches(hex) || a.stateSha256() == null
                    || !a.stateSha256().matches(hex)) {
                throw new IllegalArgumentException("payload of " + type + " lacks a chain head or state hash of 64"
                        + " lower-case hex digits");
            }
            if (a.keyId() == null || a.signature() == null) {
                throw new IllegalArgumentException("payload of " + type + " lacks " + (a.keyId() == null ? "keyId"
                        : "signature"));
            }
            if (a.sequence() < 0 || a.firstSequence() < 0 || a.firstSequence() > a.sequence()) {
                throw new IllegalArgumentException("payload of " + type + " has sequence " + a.sequence()
                        + " and firstSequence " + a.firstSequence() + " (0 <= firstSequence <= sequence)");
            }
        }
        if (event instanceof dev.access.core.domain.LockEvent.LockEnrolled
                && ((dev.access.core.domain.LockEvent.LockEnrolled) event).backendKeyId() == null) {
            throw new IllegalArgumentException("payload of " + type + " lacks backendKeyId");
        }
        if (event instanceof dev.access.core.domain.LockEvent.LockCommissioned) {
            String zone = ((dev.access.core.domain.LockEvent.LockCommissioned) event).timeZone();
            try {
                java.time.ZoneId.of(zone);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("payload of " + type + " has an unknown time zone '"
                        + (zone == null ? "null" : zone.length() > 60 ? zone.substring(0, 60) : zone) + "'");
            }
        }
    }

    private static final java.util.Map<String, Class<?>> TYPES = types();

    /** A reader per event class (resolved once, not per line). */
    private static final ClassValue<com.fasterxml.jackson.databind.ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected com.fasterxml.jackson.databind.ObjectReader computeValue(Class<?> type) {
            return AUDIT.readerFor(type);
        }
    };

    /**
     * The record components of an event class that must not be null (see requireWellFormed), found
     * once per class: reflection on the class per line cost more than reading the line.
     */
    private static final ClassValue<java.lang.reflect.RecordComponent[]> REQUIRED = new ClassValue<>() {
        @Override
        protected java.lang.reflect.RecordComponent[] computeValue(Class<?> type) {
            return required(type);
        }
    };

    /**
     * The components of record class {@code type} that must not be null: all but primitives (never
     * null), strings, optional integers, offline codes, actors and instants other than {@code at}
     * (see requireWellFormed). Empty for a class that is not a record. Uncached (tests call it).
     */
    static java.lang.reflect.RecordComponent[] required(Class<?> type) {
        java.lang.reflect.RecordComponent[] all = type.getRecordComponents();
        if (all == null) {
            return new java.lang.reflect.RecordComponent[0];
        }
        java.util.List<java.lang.reflect.RecordComponent> out = new java.util.ArrayList<>();
        for (java.lang.reflect.RecordComponent c : all) {
            Class<?> t = c.getType();
            boolean optional = t == String.class || t == Integer.class
                    || t == dev.access.core.domain.OfflineCode.class
                    || t == dev.access.core.domain.Actor.class
                    || (t == Instant.class && !c.getName().equals("at"));
            if (!optional && !t.isPrimitive()) {
                out.add(c);
            }
        }
        return out.toArray(new java.lang.reflect.RecordComponent[0]);
    }

    private static java.util.Map<String, Class<?>> types() {
        java.util.Map<String, Class<?>> m = new java.util.HashMap<>();
        for (Class<?> c : dev.access.core.domain.LockEvent.class.getPermittedSubclasses()) {
            m.put(c.getSimpleName(), c);
        }
        m.put(TrailCheckpointed.class.getSimpleName(), TrailCheckpointed.class);
        m.put(dev.access.core.trail.TrailAnchored.class.getSimpleName(), dev.access.core.trail.TrailAnchored.class);
        return java.util.Map.copyOf(m);
    }

    /**
     * SHA-256 over the audit-form bytes of a lock's state (what a retention anchor signs), as 64
     * lower-case hex characters. The serialization is deterministic: credentials by slot, offline
     * codes by id, managed slots ascending, week days in order.
     */
    public static String stateHash(dev.access.core.domain.LockState state) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes(state)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The chain head after an event, from the head before it. */
    public static ChainHead next(ChainHead previous, long sequence, Object payload, Instant at) {
        return HashChain.next(previous, sequence, type(payload), at, bytes(payload));
    }
}
