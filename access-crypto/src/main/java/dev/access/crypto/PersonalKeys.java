package dev.access.crypto;

import java.util.Map;
import java.util.Optional;

/**
 * The keys of the people (subjects) whose personal data a lock's trail holds sealed (see
 * {@link PersonalData}): one random key per subject, per lock, kept with the key ring and never in
 * the event store.
 *
 * <p>Guarantees: a subject's key is durable before its id is returned (so nothing sealed under it
 * can be recorded first); {@link #erase} destroys the key durably (the file holding it is rewritten
 * without it) after which no value sealed under it can be read through this key ring; an actor's
 * name is looked up through a keyed hash (never stored in clear), and that entry is destroyed with
 * the key.
 */
public interface PersonalKeys {
    /** A new subject of {@code lockId} (a code holder): its fresh key is durable on return. */
    String newSubject(String lockId);

    /**
     * The subject standing for the actor named {@code name} at {@code lockId}, created (durably) the
     * first time the name acts there, or again after it was erased.
     */
    String actorSubject(String lockId, String name);

    /** The actor's subject at {@code lockId}, if the name acted there and was not erased since. */
    Optional<String> findActorSubject(String lockId, String name);

    /** Whether the subject's key exists (false once erased, or if it never existed). */
    boolean isLive(String lockId, String subject);

    /**
     * Destroys the subject's key (and, for an actor, its name's lookup entry), durably.
     *
     * @return whether a key was destroyed now (false if it was already gone)
     */
    boolean erase(String lockId, String subject);

    /** A copy of the subject's key, if it is live: what an export hands an auditor. */
    Optional<byte[]> key(String lockId, String subject);

    /** The live subjects of {@code lockId} with a copy of each key. */
    Map<String, byte[]> liveKeys(String lockId);

    /**
     * Seals {@code text} under the subject's key.
     *
     * @throws KeyUnavailableException if the subject's key does not exist (erased, or never made)
     */
    String seal(String lockId, String subject, String text);

    /**
     * Opens a sealed value of {@code lockId}: its text, or empty when its subject's key is gone (the
     * person was erased) or the value does not open. A clear-text value (not sealed) is returned as
     * it is; null stays empty.
     */
    Optional<String> reveal(String lockId, String value);
}
